using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Immutable.Analyzers.Infrastructure;

/// <summary>
/// IMM0008: a container image reference with no tag or the 'latest' tag (optionally: without an @sha256: digest) that
/// reaches an API that pulls or runs it — Docker.DotNet's container config and image pull, Testcontainers builders,
/// .NET Aspire containers (unless built with <c>WithDockerfile*</c>), KubernetesClient containers. The reference may be
/// a constant, a local assigned once, or a readonly field or property; a method of the same compilation that passes its
/// parameter to such an API is followed one level (reported at its callers). Active only when one of those libraries
/// is referenced.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MutableImageReferenceAnalyzer : DiagnosticAnalyzer
{
    public const string RequireDigestOption = "immutable.IMM0008.require_digest";

    private static readonly string[] Markers =
    {
        "Docker.DotNet.Models.CreateContainerParameters",
        "DotNet.Testcontainers.Builders.ContainerBuilder",
        "Aspire.Hosting.ContainerResourceBuilderExtensions",
        "k8s.Models.V1Container",
    };

    /// <summary>Words a wrapper's text must contain to be bound; '*' matches a suffix (any Testcontainers builder).</summary>
    private static readonly string[] SinkKeywords = { "Image", "FromImage", "WithImage", "AddContainer", "*Builder", "V1Container", "V1EphemeralContainer" };

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

            start.RegisterOperationAction(Analyze, OperationKind.Invocation, OperationKind.ObjectCreation, OperationKind.SimpleAssignment);
        });
    }

    private static void Analyze(OperationAnalysisContext context)
    {
        if (Classify(context.Operation) is { } sink)
        {
            if (OperationText.Get(sink.Image) is { } reference && OperationText.IsComplete(reference))
            {
                Report(context, reference, sink.Tag, sink.Digest, string.Empty);
            }

            return;
        }

        if (context.Operation.Kind == OperationKind.SimpleAssignment ||
            Wrappers.Target(context.Operation) is not { } wrapper ||
            SymbolEqualityComparer.Default.Equals(wrapper, context.ContainingSymbol) ||
            !Wrappers.HasStringArgument(context.Operation))
        {
            return;
        }

        // The cached summary before the arguments' texts: most called methods pull no image.
        List<(string Template, string? Tag, bool Digest)> images = SourceModels.Of(context.Compilation).GetSummary(
            DiagnosticIds.MutableImageReference, wrapper, m => Summarize(m, context));
        if (images.Count == 0 || Wrappers.ArgumentTexts(context.Operation) is not { } arguments)
        {
            return;
        }

        foreach ((string template, string? tag, bool digest) in images)
        {
            string reference = OperationText.Substitute(template, arguments);
            if (OperationText.IsComplete(reference) && Report(context, reference, tag, digest, " (through '" + Wrappers.Name(wrapper) + "')"))
            {
                return;
            }
        }
    }

    private static List<(string, string?, bool)> Summarize(IMethodSymbol method, OperationAnalysisContext context)
    {
        var images = new List<(string, string?, bool)>();
        foreach (IOperation operation in Wrappers.BodyOperations(method, context.Compilation, SinkKeywords, context.CancellationToken))
        {
            if (Classify(operation) is { } sink && OperationText.Get(sink.Image, parameters: true) is { } template && OperationText.HasParameter(template))
            {
                images.Add((template, sink.Tag, sink.Digest));
            }
        }

        return images;
    }

    /// <summary>An image reference that is pulled or run: its value, a separate tag, and whether a digest is chained.</summary>
    private static (IOperation Image, string? Tag, bool Digest)? Classify(IOperation operation) => operation switch
    {
        IInvocationOperation invocation => ClassifyCall(invocation, invocation.TargetMethod, invocation.Arguments),
        IObjectCreationOperation { Constructor: { } constructor } creation => ClassifyCall(creation, constructor, creation.Arguments),
        ISimpleAssignmentOperation assignment => ClassifyAssignment(assignment),
        _ => null,
    };

    /// <summary>Methods and constructors that pull or run the image they are given.</summary>
    private static bool PullsOrRuns(IMethodSymbol method)
    {
        INamedTypeSymbol type = method.ContainingType;
        bool constructor = method.MethodKind == MethodKind.Constructor;

        // Names before the namespace walk: this runs for every call and constructor with arguments.
        if (constructor ? !(type.Name.EndsWith("Builder", System.StringComparison.Ordinal) || type.Name is "V1Container" or "V1EphemeralContainer")
                        : method.Name is not ("WithImage" or "AddContainer"))
        {
            return false;
        }

        return type.RootNamespace() switch
        {
            "DotNet" or "Testcontainers" => method.Name == "WithImage" || (constructor && type.Name.EndsWith("Builder", System.StringComparison.Ordinal) && !type.Name.StartsWith("ImageFrom", System.StringComparison.Ordinal)),
            "Aspire" => method.Name is "AddContainer" or "WithImage",
            "k8s" => constructor && type.Name is "V1Container" or "V1EphemeralContainer",
            _ => false,
        };
    }

    private static (IOperation, string?, bool)? ClassifyCall(IOperation call, IMethodSymbol method, ImmutableArray<IArgumentOperation> arguments)
    {
        if (arguments.IsEmpty || !PullsOrRuns(method))
        {
            return null;
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
            else if (parameter.Name.EqualsIgnoreCase("tag") && argument.Value.ConstantValue is not { HasValue: true, Value: null })
            {
                tag = OperationText.GetComplete(argument.Value); // Explicit or the parameter's default (Aspire's AddContainer defaults to "latest").
                if (tag is null)
                {
                    return null; // A tag known only at run time: nothing to judge.
                }

                tagIsDefault = argument.ArgumentKind == ArgumentKind.DefaultValue;
            }
        }

        if (image is null)
        {
            return null;
        }

        (string? chainedTag, bool chainedDigest, bool built) = FollowChain(call);
        if (built)
        {
            return null; // WithDockerfile*: the image is built from source, the name only labels the result.
        }

        if (tagIsDefault && OperationText.GetComplete(image.Value) is { } reference && ImageReference.FindProblem(reference, null, false, false) is null)
        {
            tag = null; // The reference carries its own tag; a defaulted tag parameter does not override it.
        }

        return (image.Value, chainedTag ?? tag, chainedDigest);
    }

    private static bool IsImageParameter(string name) =>
        name.EqualsIgnoreCase("image") || name.EqualsIgnoreCase("imageName") || name.EqualsIgnoreCase("fromImage");

    /// <summary>Docker.DotNet <c>Config.Image</c>/<c>ContainerSpec.Image</c>/<c>ImagesCreateParameters.FromImage</c>, k8s <c>V1Container.Image</c>.</summary>
    private static (IOperation, string?, bool)? ClassifyAssignment(ISimpleAssignmentOperation assignment)
    {
        if (assignment.Target is not IPropertyReferenceOperation { Property: { Type.SpecialType: SpecialType.System_String } property } ||
            !(property.Name == "Image" || property.Name == "FromImage") ||
            !(property.ContainingType.ContainingNamespace.IsNamespace("Docker.DotNet.Models") || property.ContainingType.ContainingNamespace.IsNamespace("k8s.Models")))
        {
            return null;
        }

        // ImagesCreateParameters { FromImage = "nginx", Tag = "1.27" }: the tag is a sibling initializer.
        string? tag = null;
        if (assignment.Parent is IObjectOrCollectionInitializerOperation initializer)
        {
            foreach (IOperation sibling in initializer.Initializers)
            {
                if (sibling is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Tag" } } tagAssignment)
                {
                    tag = OperationText.GetComplete(tagAssignment.Value);
                    if (tag is null)
                    {
                        return null; // A tag known only at run time: nothing to judge.
                    }
                }
            }
        }

        return (assignment.Value, tag, false);
    }

    /// <summary>
    /// Aspire: <c>AddContainer("cache", "redis").WithImageTag("7.4")</c>, <c>.WithImageSHA256(…)</c> or
    /// <c>.WithDockerfile(…)</c> later in the chain.
    /// </summary>
    private static (string? Tag, bool Digest, bool Built) FollowChain(IOperation call)
    {
        string? tag = null;
        bool digest = false;
        bool built = false;
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
                return (tag, digest, built);
            }

            string name = next.TargetMethod.Name;
            if (name == "WithImageSHA256")
            {
                digest = true;
            }
            else if (name.StartsWith("WithDockerfile", System.StringComparison.Ordinal))
            {
                built = true;
            }
            else if (name == "WithImageTag" && next.Arguments.Length > 1 && OperationText.GetComplete(next.Arguments[1].Value) is { } chained)
            {
                tag = chained;
            }

            current = next;
        }
    }

    private static bool Report(OperationAnalysisContext context, string reference, string? tag, bool separateDigest, string through)
    {
        bool requireDigest = OptionReader.GetBool(context.Options, context.Operation.Syntax.SyntaxTree, RequireDigestOption, defaultValue: false);
        string? problem = ImageReference.FindProblem(reference, tag, separateDigest, requireDigest);
        if (problem is null)
        {
            return false;
        }

        Location location = context.Operation is ISimpleAssignmentOperation assignment ? assignment.Value.Syntax.GetLocation() : ImageLocation(context.Operation);
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.MutableImageReference, location, ImageReference.WithTag(reference, tag), problem, through));
        return true;
    }

    /// <summary>The image argument of a sink call; the whole call for a wrapper.</summary>
    private static Location ImageLocation(IOperation call)
    {
        if (ImageArgument(call) is { } image)
        {
            return image.Syntax.GetLocation();
        }

        return call.Syntax.GetLocation();

        static IOperation? ImageArgument(IOperation call)
        {
            foreach (IArgumentOperation argument in Wrappers.Arguments(call))
            {
                if (argument.Parameter is { } parameter && IsImageParameter(parameter.Name) && argument.ArgumentKind == ArgumentKind.Explicit && PullsOrRunsCall(call))
                {
                    return argument.Value;
                }
            }

            return null;
        }
    }

    private static bool PullsOrRunsCall(IOperation call) => call switch
    {
        IInvocationOperation invocation => PullsOrRuns(invocation.TargetMethod),
        IObjectCreationOperation { Constructor: { } constructor } => PullsOrRuns(constructor),
        _ => false,
    };
}
