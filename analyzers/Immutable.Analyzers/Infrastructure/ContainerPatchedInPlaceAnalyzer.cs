using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Immutable.Analyzers.Infrastructure;

/// <summary>
/// IMM0005: Docker.DotNet calls that change a running container in place — updating its configuration, creating an
/// exec in it, or extracting an archive into it. Active only when Docker.DotNet is referenced.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ContainerPatchedInPlaceAnalyzer : DiagnosticAnalyzer
{
    private static readonly HashSet<string> PatchingMethods = new()
    {
        "UpdateContainerAsync",
        "ExtractArchiveToContainerAsync",
        "ExecCreateContainerAsync",   // Docker.DotNet
        "CreateContainerExecAsync",   // Docker.DotNet.Enhanced
    };

    private static readonly HashSet<string> OperationTypes = new()
    {
        "IContainerOperations",
        "ContainerOperations",
        "IExecOperations",
        "ExecOperations",
    };

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.ContainerPatchedInPlace);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.GetTypesByMetadataName("Docker.DotNet.IContainerOperations").IsEmpty &&
                start.Compilation.GetTypesByMetadataName("Docker.DotNet.IExecOperations").IsEmpty)
            {
                return;
            }

            start.RegisterOperationAction(AnalyzeInvocation, OperationKind.Invocation);
        });
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context)
    {
        IMethodSymbol method = ((IInvocationOperation)context.Operation).TargetMethod;
        if (!PatchingMethods.Contains(method.Name) ||
            method.ContainingType is not { } type ||
            !OperationTypes.Contains(type.Name) ||
            !type.ContainingNamespace.IsNamespace("Docker.DotNet"))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(Descriptors.ContainerPatchedInPlace, context.Operation.Syntax.GetLocation(), method.Name));
    }
}
