using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Immutable.Analyzers.Infrastructure;

/// <summary>
/// IMM0009: file-system writes (File.*, Directory.*, FileInfo/DirectoryInfo methods, FileStream, StreamWriter,
/// ZipFile extraction) whose path is derived from the application's own directory — AppContext.BaseDirectory,
/// AppDomain.BaseDirectory, Assembly.Location, Environment.ProcessPath, the hosting content or web root. The taint is
/// carried only through Path.Combine/Join/GetFullPath/GetDirectoryName, concatenation and interpolation, locals, and
/// readonly fields or get-only properties set by an initializer or a constructor. A method of the same compilation
/// whose parameter becomes a written path is followed one level (reported at callers passing a tainted path).
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
        "OpenHandle",
    };

    private static readonly HashSet<string> DirectoryWrites = new()
    {
        "CreateDirectory", "Delete", "Move", "CreateSymbolicLink", "SetCreationTime", "SetCreationTimeUtc",
        "SetLastWriteTime", "SetLastWriteTimeUtc", "SetLastAccessTime", "SetLastAccessTimeUtc", "CreateTempSubdirectory",
    };

    /// <summary>FileInfo / DirectoryInfo methods that write the file or directory the object stands for.</summary>
    private static readonly HashSet<string> InfoWrites = new()
    {
        "Create", "CreateText", "AppendText", "OpenWrite", "Open", "Delete", "MoveTo", "Replace", "Encrypt", "Decrypt",
        "CreateSubdirectory", "CreateAsSymbolicLink",
    };

    /// <summary>Parameters that name the file or directory written to.</summary>
    private static readonly HashSet<string> WrittenPathParameters = new()
    {
        "path", "destFileName", "destinationFileName", "destDirName", "destinationBackupFileName",
        "destinationDirectoryName", "destinationArchiveFileName",
    };

    /// <summary>Words a wrapper's text must contain to be bound (<see cref="Wrappers.BodyOperations"/>): the sink types and method names.</summary>
    private static readonly string[] SinkKeywords = new[]
    {
        "File", "Directory", "FileInfo", "DirectoryInfo", "FileStream", "StreamWriter", "ZipFile", "ZipFileExtensions",
        "ExtractToDirectory", "ExtractToDirectoryAsync", "CreateFromDirectory", "ExtractToFile", "MoveTo", "CopyTo",
    }.Concat(FileWrites).Concat(DirectoryWrites).Concat(InfoWrites).Distinct().ToArray();

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

            start.RegisterOperationAction(Analyze, OperationKind.Invocation, OperationKind.ObjectCreation);
        });
    }

    private static void Analyze(OperationAnalysisContext context)
    {
        if (Classify(context.Operation) is { } sink)
        {
            foreach (IOperation path in sink.Paths)
            {
                if (FindSource(path, 0, null, null) is { } source)
                {
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.AppDirectoryWrite, path.Syntax.GetLocation(), sink.Api, source, string.Empty));
                    return;
                }
            }

            return;
        }

        if (Wrappers.Target(context.Operation) is not { } wrapper || SymbolEqualityComparer.Default.Equals(wrapper, context.ContainingSymbol))
        {
            return;
        }

        if (!Wrappers.HasStringArgument(context.Operation))
        {
            return;
        }

        List<(int Ordinal, string Api)> written = SourceModels.Of(context.Compilation).GetSummary(
            DiagnosticIds.AppDirectoryWrite, wrapper, m => Summarize(m, context));
        ImmutableArray<IArgumentOperation> arguments = Wrappers.Arguments(context.Operation);
        foreach ((int ordinal, string api) in written)
        {
            foreach (IArgumentOperation argument in arguments)
            {
                if (argument.Parameter?.Ordinal == ordinal && FindSource(argument.Value, 0, null, null) is { } source)
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.AppDirectoryWrite, argument.Value.Syntax.GetLocation(), api, source, " (through '" + Wrappers.Name(wrapper) + "')"));
                    return;
                }
            }
        }
    }

    /// <summary>Parameters of a wrapper that become a written path.</summary>
    private static List<(int, string)> Summarize(IMethodSymbol method, OperationAnalysisContext context)
    {
        var written = new List<(int, string)>();
        foreach (IOperation operation in Wrappers.BodyOperations(method, context.Compilation, SinkKeywords, context.CancellationToken))
        {
            if (Classify(operation) is not { } sink)
            {
                continue;
            }

            foreach (IOperation path in sink.Paths)
            {
                var parameters = new List<int>();
                if (FindSource(path, 0, null, parameters) is null)
                {
                    foreach (int ordinal in parameters)
                    {
                        written.Add((ordinal, sink.Api));
                    }
                }
            }
        }

        return written;
    }

    /// <summary>A write: the API name and the values naming what is written.</summary>
    private static (string Api, List<IOperation> Paths)? Classify(IOperation operation)
    {
        switch (operation)
        {
            case IInvocationOperation { TargetMethod: { IsStatic: true, ContainingType: { } type } method } invocation:
            {
                bool isFile = type.Name == "File" && FileWrites.Contains(method.Name);
                bool isDirectory = type.Name == "Directory" && DirectoryWrites.Contains(method.Name);
                bool isZip = type.Name is "ZipFile" or "ZipFileExtensions" && method.Name is "ExtractToDirectory" or "ExtractToDirectoryAsync" or "CreateFromDirectory" or "ExtractToFile";
                if (isZip && type.ContainingNamespace.IsNamespace("System.IO.Compression"))
                {
                    return (type.Name + "." + method.Name, WrittenPaths(invocation.Arguments, sourceIsWritten: false));
                }

                if ((!isFile && !isDirectory) || !type.ContainingNamespace.IsNamespace("System.IO") ||
                    (method.Name is "Open" or "OpenHandle" && !OpensForWriting(invocation.Arguments)))
                {
                    return null;
                }

                return (type.Name + "." + method.Name, WrittenPaths(invocation.Arguments, sourceIsWritten: method.Name is "Move" or "Delete"));
            }

            case IInvocationOperation { TargetMethod: { IsStatic: false, ContainingType: { } type } method, Instance: { } instance } invocation
                when type.Name is "FileInfo" or "DirectoryInfo" && type.ContainingNamespace.IsNamespace("System.IO"):
            {
                var paths = WrittenPaths(invocation.Arguments, sourceIsWritten: false);
                if (InfoWrites.Contains(method.Name) && (method.Name != "Open" || OpensForWriting(invocation.Arguments)))
                {
                    paths.Insert(0, instance);
                }

                return paths.Count == 0 ? null : (type.Name + "." + method.Name, paths);
            }

            case IObjectCreationOperation { Type: INamedTypeSymbol { ContainingType: null, Name: "StreamWriter" or "FileStream" } type } creation
                when type.ContainingNamespace.IsNamespace("System.IO") && (type.Name == "StreamWriter" || OpensForWriting(creation.Arguments)):
                return ("new " + type.Name, WrittenPaths(creation.Arguments, sourceIsWritten: false));
            default:
                return null;
        }
    }

    private static List<IOperation> WrittenPaths(ImmutableArray<IArgumentOperation> arguments, bool sourceIsWritten)
    {
        var paths = new List<IOperation>();
        foreach (IArgumentOperation argument in arguments)
        {
            if (argument.Parameter is { Type.SpecialType: SpecialType.System_String } parameter &&
                (WrittenPathParameters.Contains(parameter.Name) || (sourceIsWritten && parameter.Name is "sourceFileName" or "sourceDirName")))
            {
                paths.Add(argument.Value);
            }
        }

        return paths;
    }

    /// <summary>FileMode other than Open, or FileAccess with Write, also inside FileStreamOptions; unknown modes are not reported.</summary>
    private static bool OpensForWriting(ImmutableArray<IArgumentOperation> arguments)
    {
        bool writes = false;
        foreach (IArgumentOperation argument in arguments)
        {
            if (argument.Parameter is null)
            {
                continue;
            }

            if (argument.Parameter.Name == "options" && OptionsInitializer(argument.Value) is { } initializer)
            {
                foreach (IOperation item in initializer.Initializers)
                {
                    if (item is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property, Value.ConstantValue: { HasValue: true, Value: int value } })
                    {
                        writes |= Writes(property.Property.Name, value);
                    }
                }
            }
            else if (argument.Value.ConstantValue is { HasValue: true, Value: int value })
            {
                writes |= Writes(argument.Parameter.Name, value);
            }
        }

        return writes;
    }

    private static bool Writes(string name, int value) => name switch
    {
        "mode" or "Mode" => value != 3, // FileMode.Open
        "access" or "Access" => (value & 2) != 0, // FileAccess.Write, ReadWrite
        _ => false,
    };

    private static IObjectOrCollectionInitializerOperation? OptionsInitializer(IOperation value)
    {
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        if (value is ILocalReferenceOperation local && LocalValues.Of(local) is { Complete: true, Values.Count: 1 } single)
        {
            value = single.Values[0];
        }

        return (value as IObjectCreationOperation)?.Initializer;
    }

    /// <summary>
    /// The application-directory source this path is derived from, or null. With <paramref name="parameters"/>, the
    /// ordinals of the enclosing method's parameters the path is built from are collected.
    /// </summary>
    private static string? FindSource(IOperation? operation, int depth, HashSet<ISymbol>? visited, List<int>? parameters)
    {
        if (operation is null || depth > MaxDepth || operation.ConstantValue.HasValue)
        {
            return null;
        }

        depth++;
        switch (operation)
        {
            case IPropertyReferenceOperation property:
                return SourceName(property.Property)
                    ?? (IsInfoPath(property.Property) ? FindSource(property.Instance, depth, visited, parameters) : FindMemberSource(property.Property, property, depth, visited, parameters));
            case IFieldReferenceOperation field:
                return FindMemberSource(field.Field, field, depth, visited, parameters);
            case IConversionOperation conversion:
                return FindSource(conversion.Operand, depth, visited, parameters);
            case IParenthesizedOperation parenthesized:
                return FindSource(parenthesized.Operand, depth, visited, parameters);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary:
                return FindSource(binary.LeftOperand, depth, visited, parameters) ?? FindSource(binary.RightOperand, depth, visited, parameters);
            case ICoalesceOperation coalesce:
                return FindSource(coalesce.Value, depth, visited, parameters) ?? FindSource(coalesce.WhenNull, depth, visited, parameters);
            case IConditionalOperation conditional:
                return FindSource(conditional.WhenTrue, depth, visited, parameters) ?? FindSource(conditional.WhenFalse, depth, visited, parameters);
            case IInterpolatedStringOperation interpolated:
                foreach (IInterpolatedStringContentOperation part in interpolated.Parts)
                {
                    if (part is IInterpolationOperation interpolation && FindSource(interpolation.Expression, depth, visited, parameters) is { } fromPart)
                    {
                        return fromPart;
                    }
                }

                return null;
            case IInvocationOperation invocation when KeepsDirectory(invocation.TargetMethod):
                return FindInAll(invocation.Arguments, depth, visited, parameters);
            case IObjectCreationOperation { Type: INamedTypeSymbol { Name: "FileInfo" or "DirectoryInfo" } type } creation when type.ContainingNamespace.IsNamespace("System.IO"):
                return FindInAll(creation.Arguments, depth, visited, parameters);
            case IArrayCreationOperation { Initializer: { } initializer }:
                foreach (IOperation element in initializer.ElementValues)
                {
                    if (FindSource(element, depth, visited, parameters) is { } fromElement)
                    {
                        return fromElement;
                    }
                }

                return null;
            case ILocalReferenceOperation local:
                visited ??= new HashSet<ISymbol>(SymbolEqualityComparer.Default);
                if (!visited.Add(local.Local))
                {
                    return null;
                }

                foreach (IOperation value in LocalValues.Of(local).Values)
                {
                    if (FindSource(value, depth, visited, parameters) is { } fromLocal)
                    {
                        return fromLocal;
                    }
                }

                return null;
            case IParameterReferenceOperation parameter when parameters is not null:
                if (parameter.Parameter.ContainingSymbol is IMethodSymbol { MethodKind: not (MethodKind.AnonymousFunction or MethodKind.LocalFunction) })
                {
                    parameters.Add(parameter.Parameter.Ordinal);
                }

                return null;
            default:
                return null;
        }
    }

    private static string? FindInAll(ImmutableArray<IArgumentOperation> arguments, int depth, HashSet<ISymbol>? visited, List<int>? parameters)
    {
        foreach (IArgumentOperation argument in arguments)
        {
            if (FindSource(argument.Value, depth, visited, parameters) is { } fromArgument)
            {
                return fromArgument;
            }
        }

        return null;
    }

    /// <summary>A readonly field or get-only property of this compilation: any of its initializer or constructor values.</summary>
    private static string? FindMemberSource(ISymbol member, IOperation reference, int depth, HashSet<ISymbol>? visited, List<int>? parameters)
    {
        if (reference.SemanticModel?.Compilation is not { } compilation)
        {
            return null;
        }

        visited ??= new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        if (!visited.Add(member))
        {
            return null;
        }

        foreach (IOperation value in SourceModels.Of(compilation).GetMemberValues(member, default))
        {
            // The member's values belong to another body: its parameters are not the wrapper's.
            if (FindSource(value, depth, visited, null) is { } source)
            {
                return source;
            }
        }

        return null;
    }

    /// <summary>Methods whose result keeps the directory of their arguments: Path.Combine/Join/GetFullPath/GetDirectoryName, string.Concat/Format.</summary>
    private static bool KeepsDirectory(IMethodSymbol method) =>
        method.ContainingType is { } type &&
        ((type.Name == "Path" && type.ContainingNamespace.IsNamespace("System.IO") && method.Name is "Combine" or "Join" or "GetFullPath" or "GetDirectoryName") ||
         (type.SpecialType == SpecialType.System_String && method.Name is "Concat" or "Format"));

    /// <summary>FileInfo/DirectoryInfo properties that keep the path: FullName, DirectoryName, Directory, Parent, Root.</summary>
    private static bool IsInfoPath(IPropertySymbol property) =>
        property.Name is "FullName" or "DirectoryName" or "Directory" or "Parent" or "Root" &&
        property.ContainingType is { Name: "FileInfo" or "DirectoryInfo" or "FileSystemInfo" } type &&
        type.ContainingNamespace.IsNamespace("System.IO");

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
