using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Immutable.Analyzers.Infrastructure;

/// <summary>
/// IMM0006: SSH.NET calls that change a running host — running commands (unless the whole command is known and only
/// runs read-only programs), writing to a shell stream, SCP uploads, SFTP uploads, changes and files opened for
/// writing. Reading (downloads, listings, attributes) is not reported, nor is code inside SSH.NET's own namespace.
/// A method of the same compilation that passes its parameter to a command is followed one level: callers passing a
/// known command that is not read-only are reported too, naming the wrapper. Active only when SSH.NET is referenced.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HostPatchedOverSshAnalyzer : DiagnosticAnalyzer
{
    public const string ReadOnlyCommandsOption = "immutable.IMM0006.read_only_commands";

    /// <summary>The SSH.NET types whose calls are classified: the name is compared before the namespace, for every call.</summary>
    private static readonly HashSet<string> SshTypes = new()
    {
        "SshClient", "ISshClient", "SshCommand", "ShellStream", "ScpClient", "IScpClient", "SftpClient", "ISftpClient",
    };

    private static readonly HashSet<string> SshMethods = new() { "RunCommand", "CreateCommand" };

    private static readonly HashSet<string> ScpMethods = new() { "Upload", "UploadAsync" };

    private static readonly HashSet<string> ShellStreamMethods = new() { "Write", "WriteLine", "WriteAsync", "WriteLineAsync" };

    private static readonly HashSet<string> SftpMethods = new()
    {
        "UploadFile", "UploadFileAsync", "BeginUploadFile",
        "WriteAllText", "WriteAllBytes", "WriteAllLines", "AppendAllText", "AppendAllLines", "AppendText",
        "Create", "CreateText", "OpenWrite",
        "DeleteFile", "DeleteFileAsync", "Delete", "DeleteDirectory", "DeleteDirectoryAsync",
        "CreateDirectory", "CreateDirectoryAsync", "RenameFile", "RenameFileAsync",
        "ChangePermissions", "SetAttributes", "SymbolicLink",
        "SetLastWriteTime", "SetLastWriteTimeUtc", "SetLastAccessTime", "SetLastAccessTimeUtc",
        "SynchronizeDirectories",
    };

    private static readonly string[] SinkKeywords = { "RunCommand", "CreateCommand", "Execute", "WriteLine", "Write", "WriteAsync", "WriteLineAsync" };

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.HostPatchedOverSsh);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            Compilation compilation = start.Compilation;
            if (compilation.GetTypesByMetadataName("Renci.SshNet.SshClient").IsEmpty &&
                compilation.GetTypesByMetadataName("Renci.SshNet.ScpClient").IsEmpty &&
                compilation.GetTypesByMetadataName("Renci.SshNet.SftpClient").IsEmpty)
            {
                return;
            }

            start.RegisterOperationAction(AnalyzeInvocation, OperationKind.Invocation);
        });
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (Classify(invocation) is { } sink)
        {
            if ((sink.Command is null || !ReadOnly(context).IsReadOnly(OperationText.Get(sink.Command))) && !InSshNet(context))
            {
                Report(context, sink.Name, string.Empty);
            }

            return;
        }

        if (Wrappers.Target(invocation) is not { } wrapper ||
            SymbolEqualityComparer.Default.Equals(wrapper, context.ContainingSymbol) ||
            !Wrappers.HasStringArgument(invocation))
        {
            return;
        }

        // The cached summary before the arguments' texts: most called methods run no SSH command.
        List<(string Name, string Template)> commands = SourceModels.Of(context.Compilation).GetSummary(
            DiagnosticIds.HostPatchedOverSsh, wrapper, m => Summarize(m, context));
        if (commands.Count == 0 || Wrappers.ArgumentTexts(invocation) is not { } arguments)
        {
            return;
        }

        ReadOnlyCommands readOnly = ReadOnly(context);
        foreach ((string name, string template) in commands)
        {
            string command = OperationText.Substitute(template, arguments);
            if (OperationText.IsComplete(command) && !readOnly.IsReadOnly(command) && !InSshNet(context))
            {
                Report(context, name, " (through '" + Wrappers.Name(wrapper) + "')");
                return;
            }
        }
    }

    /// <summary>Commands a wrapper runs that depend on its parameters.</summary>
    private static List<(string Name, string Template)> Summarize(IMethodSymbol method, OperationAnalysisContext context)
    {
        var commands = new List<(string, string)>();
        foreach (IOperation operation in Wrappers.BodyOperations(method, context.Compilation, SinkKeywords, context.CancellationToken))
        {
            if (operation is IInvocationOperation invocation && Classify(invocation) is { Command: { } command } sink &&
                OperationText.Get(command, parameters: true) is { } template && OperationText.HasParameter(template))
            {
                commands.Add((sink.Name, template));
            }
        }

        return commands;
    }

    /// <summary>The SSH.NET call that changes the host, with its command text when it runs one; null for other calls.</summary>
    private static (string Name, IOperation? Command)? Classify(IInvocationOperation invocation)
    {
        IMethodSymbol method = invocation.TargetMethod;
        if (method.ContainingType is not { } type || !SshTypes.Contains(type.Name) || !type.ContainingNamespace.IsNamespace("Renci.SshNet"))
        {
            return null;
        }

        string name = type.Name + "." + method.Name;
        switch (type.Name)
        {
            case "SshClient" or "ISshClient" when SshMethods.Contains(method.Name):
                return (name, Argument(invocation, "commandText"));
            case "SshCommand" when method.Name == "Execute" && Argument(invocation, "commandText") is { } text:
                return (name, text);
            case "ShellStream" when ShellStreamMethods.Contains(method.Name):
                return (name, Argument(invocation, "line") ?? Argument(invocation, "text"));
            case "ScpClient" or "IScpClient" when ScpMethods.Contains(method.Name):
            case "SftpClient" or "ISftpClient" when SftpMethods.Contains(method.Name):
                return (name, null);
            case "SftpClient" or "ISftpClient" when method.Name is "Open" or "OpenAsync" && OpensForWriting(invocation):
                return (name, null);
            default:
                return null;
        }
    }

    private static IOperation? Argument(IInvocationOperation invocation, string parameter)
    {
        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            if (argument.Parameter?.Name == parameter && argument.Value.Type?.SpecialType == SpecialType.System_String)
            {
                return argument.Value;
            }
        }

        return null;
    }

    /// <summary>A FileMode other than Open, or a FileAccess with Write; unknown values are not reported.</summary>
    private static bool OpensForWriting(IInvocationOperation invocation)
    {
        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            if (argument.Value.ConstantValue is not { HasValue: true, Value: int value })
            {
                continue;
            }

            if (argument.Parameter?.Name == "mode" && value != 3)
            {
                return true;
            }

            if (argument.Parameter?.Name == "access" && (value & 2) != 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>SSH.NET's own implementation calls its public API (checked only before reporting: the rare case).</summary>
    private static bool InSshNet(OperationAnalysisContext context) =>
        context.ContainingSymbol.ContainingNamespace is { } ns && IsInSshNet(ns);

    private static bool IsInSshNet(INamespaceSymbol ns)
    {
        for (; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            if (ns.IsNamespace("Renci.SshNet"))
            {
                return true;
            }
        }

        return false;
    }

    private static ReadOnlyCommands ReadOnly(OperationAnalysisContext context) =>
        ReadOnlyCommands.Parse(OptionReader.Get(context.Options, context.Operation.Syntax.SyntaxTree, ReadOnlyCommandsOption));

    private static void Report(OperationAnalysisContext context, string name, string through) =>
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.HostPatchedOverSsh, context.Operation.Syntax.GetLocation(), name, through));
}
