using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Immutable.Analyzers.Infrastructure;

/// <summary>
/// IMM0008: a constant container image reference with no tag or the 'latest' tag (optionally: without an @sha256:
/// digest) passed to an image parameter or property of Docker.DotNet, Testcontainers, .NET Aspire or KubernetesClient.
/// Active only when one of those libraries is referenced.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MutableImageReferenceAnalyzer : DiagnosticAnalyzer
{
    public const string RequireDigestOption = "immutable.IMM0008.require_digest";

    /// <summary>Outermost namespaces of the libraries whose image parameters are checked.</summary>
    private static readonly HashSet<string> LibraryRoots = new() { "Docker", "DotNet", "Testcontainers", "Aspire", "k8s" };

    private static readonly string[] Markers =
    {
        "Docker.DotNet.Models.CreateContainerParameters",
        "DotNet.Testcontainers.Builders.ContainerBuilder",
        "Aspire.Hosting.ContainerResourceBuilderExtensions",
        "k8s.Models.V1Container",
    };

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.MutableImageReference);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            bool referenced = false;
            foreach (string marker in Markers)
            {
                referenced |= !start.Compilation.GetTypesByMetadataName(marker).IsEmpty;
            }

            if (!referenced)
            {
                return;
            }

            start.RegisterOperationAction(AnalyzeCall, OperationKind.Invocation, OperationKind.ObjectCreation);
            start.RegisterOperationAction(AnalyzeAssignment, OperationKind.SimpleAssignment);
        });
    }

    private static bool IsImageParameter(string name) =>
        name.EqualsIgnoreCase("image") || name.EqualsIgnoreCase("imageName") || name.EqualsIgnoreCase("fromImage");

    private static void AnalyzeCall(OperationAnalysisContext context)
    {
        (IMethodSymbol? method, ImmutableArray<IArgumentOperation> arguments) = context.Operation switch
        {
            IInvocationOperation invocation => (invocation.TargetMethod, invocation.Arguments),
            IObjectCreationOperation creation => (creation.Constructor, creation.Arguments),
            _ => (null, ImmutableArray<IArgumentOperation>.Empty),
        };

        if (method is null || arguments.IsEmpty)
        {
            return;
        }

        IArgumentOperation? image = null;
        string? tag = null;
        bool tagIsDefault = false;
        foreach (IArgumentOperation argument in arguments)
        {
            if (argument.Parameter is not { Type.SpecialType: SpecialType.System_String } parameter)
            {
                continue;
            }

            if (IsImageParameter(parameter.Name) && argument.ArgumentKind == ArgumentKind.Explicit)
            {
                image = argument;
            }
            else if (parameter.Name.EqualsIgnoreCase("tag") && argument.Value.ConstantValue is { HasValue: true, Value: string tagValue })
            {
                tag = tagValue; // Explicit or the parameter's default (Aspire's AddContainer defaults to "latest").
                tagIsDefault = argument.ArgumentKind == ArgumentKind.DefaultValue;
            }
        }

        if (image?.Value.ConstantValue is not { HasValue: true, Value: string reference } ||
            !LibraryRoots.Contains(method.ContainingType.RootNamespace()))
        {
            return;
        }

        if (tagIsDefault && ImageReference.FindProblem(reference, null, false, false) is null)
        {
            tag = null; // The reference carries its own tag; a defaulted tag parameter does not override it.
        }

        (string? chainedTag, bool chainedDigest) = FindChainedPin(context.Operation);
        Report(context, image.Value, reference, chainedTag ?? tag, chainedDigest);
    }

    private static void AnalyzeAssignment(OperationAnalysisContext context)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation { Property: { Type.SpecialType: SpecialType.System_String } property } ||
            !(property.Name == "Image" || property.Name == "FromImage") ||
            assignment.Value.ConstantValue is not { HasValue: true, Value: string reference } ||
            !LibraryRoots.Contains(property.ContainingType.RootNamespace()))
        {
            return;
        }

        // ImagesCreateParameters { FromImage = "nginx", Tag = "1.27" }: the tag is a sibling initializer.
        string? tag = null;
        if (assignment.Parent is IObjectOrCollectionInitializerOperation initializer)
        {
            foreach (IOperation sibling in initializer.Initializers)
            {
                if (sibling is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Tag" }, Value.ConstantValue: { HasValue: true, Value: string tagValue } })
                {
                    tag = tagValue;
                }
            }
        }

        Report(context, assignment.Value, reference, tag, separateDigest: false);
    }

    /// <summary>Aspire: <c>AddContainer("cache", "redis").WithImageTag("7.4")</c> or <c>.WithImageSHA256(…)</c> later in the chain.</summary>
    private static (string? Tag, bool Digest) FindChainedPin(IOperation call)
    {
        string? tag = null;
        bool digest = false;
        IOperation current = call;
        while (true)
        {
            IOperation? parent = current.Parent;
            while (parent is IConversionOperation)
            {
                current = parent;
                parent = parent.Parent;
            }

            IInvocationOperation? next = parent switch
            {
                IArgumentOperation { Parent: IInvocationOperation outer } argument when outer.Arguments.Length > 0 && outer.Arguments[0] == argument && outer.TargetMethod.IsExtensionMethod => outer,
                IInvocationOperation outer when outer.Instance == current => outer,
                _ => null,
            };

            if (next is null)
            {
                return (tag, digest);
            }

            string name = next.TargetMethod.Name;
            if (name == "WithImageSHA256")
            {
                digest = true;
            }
            else if (name == "WithImageTag" && next.Arguments.Length > 1 && next.Arguments[1].Value.ConstantValue is { HasValue: true, Value: string chained })
            {
                tag = chained;
            }

            current = next;
        }
    }

    private static void Report(OperationAnalysisContext context, IOperation value, string reference, string? tag, bool separateDigest)
    {
        bool requireDigest = OptionReader.GetBool(context.Options, value.Syntax.SyntaxTree, RequireDigestOption, defaultValue: false);
        string? problem = ImageReference.FindProblem(reference, tag, separateDigest, requireDigest);
        if (problem is not null)
        {
            string shown = tag is null ? reference : reference + " (tag '" + tag + "')";
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.MutableImageReference, value.Syntax.GetLocation(), shown, problem));
        }
    }
}
