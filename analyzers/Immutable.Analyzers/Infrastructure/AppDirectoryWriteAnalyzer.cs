using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Immutable.Analyzers.Infrastructure;

/// <summary>
/// IMM0009: file-system writes (File.*, Directory.*, FileStream, StreamWriter) whose path is derived — through
/// Path.Combine/Join, concatenation, interpolation or local variables — from the application's own directory:
/// AppContext.BaseDirectory, AppDomain.BaseDirectory, Assembly.Location, Environment.ProcessPath, the hosting
/// content or web root.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AppDirectoryWriteAnalyzer : DiagnosticAnalyzer
{
    private const int MaxDepth = 12;

    private static readonly HashSet<string> FileWrites = new()
    {
        "WriteAllText", "WriteAllTextAsync", "WriteAllBytes", "WriteAllBytesAsync", "WriteAllLines", "WriteAllLinesAsync",
        "AppendAllText", "AppendAllTextAsync", "AppendAllLines", "AppendAllLinesAsync", "AppendAllBytes", "AppendAllBytesAsync",
        "Create", "CreateText", "AppendText", "OpenWrite", "Open", "Copy", "Move", "Replace", "Delete",
        "SetAttributes", "SetCreationTime", "SetCreationTimeUtc", "SetLastWriteTime", "SetLastWriteTimeUtc",
        "SetLastAccessTime", "SetLastAccessTimeUtc", "SetUnixFileMode", "CreateSymbolicLink", "Encrypt", "Decrypt",
    };

    private static readonly HashSet<string> DirectoryWrites = new()
    {
        "CreateDirectory", "Delete", "Move", "CreateSymbolicLink", "SetCreationTime", "SetCreationTimeUtc",
        "SetLastWriteTime", "SetLastWriteTimeUtc", "SetLastAccessTime", "SetLastAccessTimeUtc",
    };

    /// <summary>Parameters that name the file or directory written to.</summary>
    private static readonly HashSet<string> WrittenPathParameters = new()
    {
        "path", "destFileName", "destinationFileName", "destDirName", "destinationBackupFileName",
    };

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.AppDirectoryWrite);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.GetTypeByMetadataName("System.IO.File") is null)
            {
                return;
            }

            start.RegisterOperationAction(AnalyzeInvocation, OperationKind.Invocation);
            start.RegisterOperationAction(AnalyzeCreation, OperationKind.ObjectCreation);
        });
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        IMethodSymbol method = invocation.TargetMethod;
        if (!method.IsStatic || method.ContainingType is not { } type)
        {
            return;
        }

        bool isFile = type.Name == "File" && FileWrites.Contains(method.Name);
        bool isDirectory = type.Name == "Directory" && DirectoryWrites.Contains(method.Name);
        if ((!isFile && !isDirectory) || !type.ContainingNamespace.IsNamespace("System.IO"))
        {
            return;
        }

        if (method.Name == "Open" && !OpensForWriting(invocation.Arguments))
        {
            return;
        }

        bool sourceIsWritten = method.Name is "Move" or "Delete";
        CheckArguments(context, invocation.Arguments, type.Name + "." + method.Name, sourceIsWritten);
    }

    private static void AnalyzeCreation(OperationAnalysisContext context)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (creation.Type is not INamedTypeSymbol { ContainingType: null, Name: "StreamWriter" or "FileStream" } type || !type.ContainingNamespace.IsNamespace("System.IO"))
        {
            return;
        }

        if (type.Name == "StreamWriter" || OpensForWriting(creation.Arguments))
        {
            CheckArguments(context, creation.Arguments, "new " + type.Name, sourceIsWritten: false);
        }
    }

    /// <summary>FileMode other than Open, or FileAccess with Write; unknown modes are not reported.</summary>
    private static bool OpensForWriting(ImmutableArray<IArgumentOperation> arguments)
    {
        bool writes = false;
        foreach (IArgumentOperation argument in arguments)
        {
            if (argument.Parameter is null || argument.Value.ConstantValue is not { HasValue: true, Value: int value })
            {
                continue;
            }

            if (argument.Parameter.Name == "mode")
            {
                writes |= value != 3; // FileMode.Open
            }
            else if (argument.Parameter.Name == "access")
            {
                writes |= (value & 2) != 0; // FileAccess.Write, ReadWrite
            }
        }

        return writes;
    }

    private static void CheckArguments(OperationAnalysisContext context, ImmutableArray<IArgumentOperation> arguments, string api, bool sourceIsWritten)
    {
        foreach (IArgumentOperation argument in arguments)
        {
            if (argument.Parameter is not { Type.SpecialType: SpecialType.System_String } parameter ||
                !(WrittenPathParameters.Contains(parameter.Name) || (sourceIsWritten && parameter.Name is "sourceFileName" or "sourceDirName")))
            {
                continue;
            }

            string? source = FindSource(argument.Value, 0, null);
            if (source is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.AppDirectoryWrite, argument.Value.Syntax.GetLocation(), api, source));
                return;
            }
        }
    }

    /// <summary>The application-directory source this string value is derived from, or null.</summary>
    private static string? FindSource(IOperation? operation, int depth, HashSet<ILocalSymbol>? visited)
    {
        if (operation is null || depth > MaxDepth || operation.ConstantValue.HasValue)
        {
            return null;
        }

        depth++;
        switch (operation)
        {
            case IPropertyReferenceOperation property:
                return SourceName(property.Property) ?? FindSource(property.Instance, depth, visited);
            case IConversionOperation conversion:
                return FindSource(conversion.Operand, depth, visited);
            case IParenthesizedOperation parenthesized:
                return FindSource(parenthesized.Operand, depth, visited);
            case IBinaryOperation binary:
                return FindSource(binary.LeftOperand, depth, visited) ?? FindSource(binary.RightOperand, depth, visited);
            case ICoalesceOperation coalesce:
                return FindSource(coalesce.Value, depth, visited) ?? FindSource(coalesce.WhenNull, depth, visited);
            case IConditionalOperation conditional:
                return FindSource(conditional.WhenTrue, depth, visited) ?? FindSource(conditional.WhenFalse, depth, visited);
            case IInterpolatedStringOperation interpolated:
                foreach (IInterpolatedStringContentOperation part in interpolated.Parts)
                {
                    if (part is IInterpolationOperation interpolation && FindSource(interpolation.Expression, depth, visited) is { } fromPart)
                    {
                        return fromPart;
                    }
                }

                return null;
            case IInvocationOperation invocation when IsPathBuilder(invocation.TargetMethod):
                foreach (IArgumentOperation argument in invocation.Arguments)
                {
                    if (FindSource(argument.Value, depth, visited) is { } fromArgument)
                    {
                        return fromArgument;
                    }
                }

                return FindSource(invocation.Instance, depth, visited);
            case IArrayCreationOperation { Initializer: { } initializer }:
                foreach (IOperation element in initializer.ElementValues)
                {
                    if (FindSource(element, depth, visited) is { } fromElement)
                    {
                        return fromElement;
                    }
                }

                return null;
            case ILocalReferenceOperation local:
                return FindLocalSource(local, depth, visited);
            default:
                return null;
        }
    }

    private static string? FindLocalSource(ILocalReferenceOperation reference, int depth, HashSet<ILocalSymbol>? visited)
    {
        visited ??= new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        if (!visited.Add(reference.Local))
        {
            return null;
        }

        foreach (IOperation operation in OperationText.Root(reference).Descendants())
        {
            IOperation? value = operation switch
            {
                IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, reference.Local) => declarator.Initializer?.Value,
                ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when SymbolEqualityComparer.Default.Equals(target.Local, reference.Local) => assignment.Value,
                _ => null,
            };

            if (FindSource(value, depth, visited) is { } source)
            {
                return source;
            }
        }

        return null;
    }

    /// <summary>Methods that build a path or string from their arguments: Path.*, string.Concat/Format/Join.</summary>
    private static bool IsPathBuilder(IMethodSymbol method) =>
        method.ContainingType is { } type &&
        ((type.Name == "Path" && type.ContainingNamespace.IsNamespace("System.IO") && method.ReturnType.SpecialType == SpecialType.System_String) ||
         (type.SpecialType == SpecialType.System_String && method.Name is "Concat" or "Format" or "Join"));

    private static string? SourceName(IPropertySymbol property)
    {
        INamedTypeSymbol type = property.ContainingType;
        switch (property.Name)
        {
            case "BaseDirectory" when type.IsType("System", "AppContext") || type.IsType("System", "AppDomain"):
                return type.Name + ".BaseDirectory";
            case "ProcessPath" when type.IsType("System", "Environment"):
                return "Environment.ProcessPath";
            case "Location" when DerivesFromAssembly(type):
                return "Assembly.Location";
            case "ContentRootPath" or "WebRootPath"
                when type.ContainingNamespace.IsNamespace("Microsoft.Extensions.Hosting") || type.ContainingNamespace.IsNamespace("Microsoft.AspNetCore.Hosting"):
                return type.Name + "." + property.Name;
            case "StartupPath" or "ExecutablePath" when type.IsType("System.Windows.Forms", "Application"):
                return "Application." + property.Name;
            default:
                return null;
        }
    }

    private static bool DerivesFromAssembly(INamedTypeSymbol? type)
    {
        for (; type is not null; type = type.BaseType)
        {
            if (type.IsType("System.Reflection", "Assembly"))
            {
                return true;
            }
        }

        return false;
    }
}
