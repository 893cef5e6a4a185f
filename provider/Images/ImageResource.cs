using Immutable.Cty;
using Immutable.Sdk.Docker.Images;
using Immutable.Sdk.Docker.References;
using Immutable.Sdk.Framework;
using static Immutable.Provider.Images.ImageAttributes;
using BuildInputs = Immutable.Sdk.Docker.BuildContext.BuildInputs;

namespace Immutable.Provider.Images;

/// <summary>
/// <c>immutable_image</c>: bakes an image from a build context. The context digest is computed at
/// plan time, so an unchanged context is a no-op and a changed file is a replacement the plan
/// explains; the build, tag and push happen at apply, and a failure leaves nothing tagged.
/// The lifecycle is the SDK's <see cref="ImageBuilder"/>; this class maps Terraform onto it.
/// </summary>
public sealed class ImageResource() : ReplaceOnlyResource<ImageModel>("immutable_image", ProviderJsonContext.Default.ImageModel)
{
    private static readonly TimeSpan DefaultCreateTimeout = TimeSpan.FromMinutes(20);
    private static readonly TimeSpan DefaultDeleteTimeout = TimeSpan.FromMinutes(5);

    /// <inheritdoc />
    protected override void Validate(CtyValue config, Diagnostics diagnostics)
    {
        if (ConfigChecks.Text(config, Name) is { } name && ImageName.Problem(name) is { } problem)
        {
            diagnostics.AddError("Invalid image name", problem, Path(Name));
        }

        if (ConfigChecks.Text(config, Context) is { } directory)
        {
            // What is known now is checked now (terraform validate); the plan's scan checks the rest.
            var dockerfile = config.GetAttribute(Dockerfile);
            try
            {
                ImageBuilder.CheckPaths(directory, dockerfile.IsKnown && !dockerfile.IsNull ? dockerfile.AsString() : BuildInputs.DefaultDockerfile, dockerfile.IsKnown);
            }
            catch (ImageException ex)
            {
                diagnostics.Add(ToDiagnostic(ex));
            }
        }

        ConfigChecks.Timeouts(config, diagnostics);
        ImageBuildOptions.Validate(config, diagnostics);
    }

    /// <inheritdoc />
    protected override async Task ModifyPlanAsync(PlanModification plan, ResourceContext context)
    {
        if (plan.Config.GetAttribute(Dockerfile).IsNull)
        {
            plan.SetComputed(Dockerfile, CtyValue.String(BuildInputs.DefaultDockerfile));
        }

        if (ImageInputs.FromConfig(plan.Config) is not { } inputs)
        {
            // Something the digest depends on is not known yet: it will be computed at apply.
            return;
        }

        var services = context.ProviderData as ProviderServices;
        var snapshot = await Guard(() => ImageBuilder.ScanAsync(inputs, services?.CacheDirectory, context.Cancellation)).ConfigureAwait(false);
        plan.SetComputed(ContextDigest, CtyValue.String(snapshot.Digest));
        ImageBuildOptions.CheckDockerfile(plan.Config, System.IO.Path.Combine(snapshot.ContextRoot, snapshot.Dockerfile), plan.Diagnostics);
        ExplainInputChanges(plan, snapshot, services?.CacheDirectory);

        if (plan.Prior is { } prior && services is not null && RecordOf(prior) is { } record)
        {
            foreach (var drift in await services.Images(context.Logger).CheckDriftAsync(record, context.Cancellation).ConfigureAwait(false))
            {
                switch (drift.Kind)
                {
                    case ImageDriftKind.TagMoved:
                        plan.RequireReplacement(Path(ImageId), drift.Message);
                        break;
                    case ImageDriftKind.RegistryMoved:
                        plan.RequireReplacement(Path(RepoDigest), drift.Message);
                        break;
                    default:
                        plan.Diagnostics.AddWarning("Out-of-band changes could not be checked", drift.Message);
                        break;
                }
            }
        }
    }

    // A warning is the one free-text channel Terraform shows with a plan (a computed attribute would
    // put the text into state); it appears under the plan, naming what changed since the prior build.
    private static void ExplainInputChanges(PlanModification plan, Sdk.Docker.BuildContext.ContextSnapshot snapshot, string? cacheDirectory)
    {
        if (plan.Prior is not { } prior || prior.GetAttribute("context_digest") is not { IsNull: false, IsKnown: true } digest ||
            ImageInputs.FromConfig(prior) is not { } before ||
            InputChanges.Explain(before, digest.AsString(), snapshot, cacheDirectory) is not { } explanation)
        {
            return;
        }

        plan.Diagnostics.AddWarning("The image's inputs changed since its build", explanation, CtyPath.Root.GetAttr("context"));
    }

    /// <inheritdoc />
    protected override async Task<ImageModel> CreateAsync(ImageModel planned, ResourceContext context)
    {
        var services = context.ProviderDataAs<ProviderServices>();
        var timeout = GoDuration.Parse(planned.Timeouts?.Create, DefaultCreateTimeout, Path(Timeouts).GetAttr("create"));
        var recorded = planned with { Dockerfile = planned.Dockerfile ?? BuildInputs.DefaultDockerfile };
        var request = ImageBuildOptions.Apply(new ImageRequest
        {
            Repository = RepositoryOf(planned.Name!),
            Inputs = ImageInputs.FromModel(planned),
            Push = planned.Push == true,
            Recipe = ImageRecipe.Serialize(ImageBuildOptions.WithoutOperational(recorded)),
            Timeout = timeout,
        }, planned);
        var image = await Guard(() => services.Images(context.Logger, planned.Builder).BuildAsync(request, context.Cancellation)).ConfigureAwait(false);

        return recorded with
        {
            ImageId = image.ImageId,
            ContextDigest = image.ContextDigest,
            CreatedAt = ConfigChecks.Timestamp(image.Created),
            RepoDigest = image.RepoDigest,
            Reference = image.Reference,
            Id = image.Reference,
        };
    }

    /// <inheritdoc />
    protected override async Task<ImageModel?> ReadAsync(ImageModel current, ResourceContext context)
    {
        var services = context.ProviderDataAs<ProviderServices>();
        return await Guard(() => services.Images(context.Logger).ExistsAsync(current.ImageId!, context.Cancellation)).ConfigureAwait(false) ? current : null;
    }

    /// <inheritdoc />
    protected override async Task DeleteAsync(ImageModel current, ResourceContext context)
    {
        var services = context.ProviderDataAs<ProviderServices>();
        var timeout = GoDuration.Parse(current.Timeouts?.Delete, DefaultDeleteTimeout, Path(Timeouts).GetAttr("delete"));
        var record = new ImageRecord
        {
            Repository = RepositoryOf(current.Name!),
            ContextDigest = current.ContextDigest,
            ImageId = current.ImageId,
            RepoDigest = current.RepoDigest,
            KeepLocally = current.KeepLocally == true,
        };
        if (await Guard(() => services.Images(context.Logger).RemoveAsync(record, timeout, context.Cancellation)).ConfigureAwait(false) is { } kept)
        {
            context.Warnings.AddWarning("Image kept", kept);
        }
    }

    /// <inheritdoc />
    protected override async Task<ImageModel?> ImportAsync(string id, ResourceContext context)
    {
        var services = context.ProviderDataAs<ProviderServices>();
        if (await Guard(() => services.Images(context.Logger).ImportAsync(id, context.Cancellation)).ConfigureAwait(false) is not { } image)
        {
            return null;
        }

        var recipe = ImageRecipe.Read(image.Recipe) ?? throw new DiagnosticException(Diagnostic.Error(
            "Not an image this provider built",
            $"{id} carries no {ImageLabels.Recipe} label, so its configuration cannot be recovered. Build it with immutable_image instead."));
        var reference = ImageResult.PinnedReference(RepositoryOf(recipe.Name!), image.RepoDigest, image.ImageId);
        return recipe with
        {
            ImageId = image.ImageId,
            ContextDigest = image.ContextDigest,
            RepoDigest = image.RepoDigest,
            Reference = reference,
            Id = reference,
            CreatedAt = image.Created is { } created ? ConfigChecks.Timestamp(created) : null,
        };
    }

    /// <summary>What the prior state says about the image, when it says enough to check it.</summary>
    private static ImageRecord? RecordOf(CtyValue prior)
    {
        var digest = prior.GetAttribute(ContextDigest);
        var imageId = prior.GetAttribute(ImageId);
        var name = prior.GetAttribute(Name);
        var repoDigest = prior.GetAttribute(RepoDigest);
        return digest.IsNull || imageId.IsNull || name.IsNull || !ImageReference.TryParse(name.AsString(), out var repository)
            ? null
            : new ImageRecord
            {
                Repository = repository,
                ContextDigest = digest.AsString(),
                ImageId = imageId.AsString(),
                RepoDigest = repoDigest.IsNull ? null : repoDigest.AsString(),
            };
    }

    /// <summary>The <c>name</c> attribute as a repository; a bad one is the same diagnostic Validate gives.</summary>
    private static ImageReference RepositoryOf(string name)
    {
        try
        {
            return ImageReference.ParseRepository(name);
        }
        catch (ImageReferenceException ex)
        {
            throw new DiagnosticException(Diagnostic.Error("Invalid image name", ImageName.Problem(name, ex.Problem), Path(Name)));
        }
    }

    private static async Task<T> Guard<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation().ConfigureAwait(false);
        }
        catch (ImageException ex)
        {
            throw new DiagnosticException(ToDiagnostic(ex));
        }
    }

    private static Diagnostic ToDiagnostic(ImageException ex) => Diagnostic.Error(ex.Summary, ex.Message, ex.Field switch
    {
        ImageField.Name => Path(Name),
        ImageField.Context => Path(Context),
        ImageField.Dockerfile => Path(Dockerfile),
        ImageField.Push => Path(Push),
        ImageField.Timeouts => Path(Timeouts),
        _ => null,
    });
}
