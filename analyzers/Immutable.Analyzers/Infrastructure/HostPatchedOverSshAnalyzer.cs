using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Immutable.Analyzers.Infrastructure;

/// <summary>
/// IMM0006: SSH.NET calls that change a running host — running commands, SCP uploads, and SFTP uploads and changes.
/// Reading (downloads, listings, attributes) is not reported. Active only when SSH.NET is referenced.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HostPatchedOverSshAnalyzer : DiagnosticAnalyzer
{
    private static readonly HashSet<string> SshMethods = new() { "RunCommand", "CreateCommand" };

    private static readonly HashSet<string> ScpMethods = new() { "Upload", "UploadAsync" };

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
        IMethodSymbol method = ((IInvocationOperation)context.Operation).TargetMethod;
        HashSet<string>? methods = method.ContainingType?.Name switch
        {
            "SshClient" or "ISshClient" => SshMethods,
            "ScpClient" or "IScpClient" => ScpMethods,
            "SftpClient" or "ISftpClient" => SftpMethods,
            _ => null,
        };

        if (methods is null || !methods.Contains(method.Name) || !method.ContainingType!.ContainingNamespace.IsNamespace("Renci.SshNet"))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.HostPatchedOverSsh,
            context.Operation.Syntax.GetLocation(),
            method.ContainingType.Name + "." + method.Name));
    }
}
