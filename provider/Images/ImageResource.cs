using System.Globalization;
using Immutable.Cty;
using Immutable.Sdk.Docker;
using Immutable.Sdk.Docker.BuildContext;
using Immutable.Sdk.Docker.Engine;
using Immutable.Sdk.Framework;
using Microsoft.Extensions.Logging;

namespace Immutable.Provider.Images;

/// <summary>
/// <c>immutable_image</c>: bakes an image from a build context. The context digest is computed at
/// plan time, so an unchanged context is a no-op and a changed file is a replacement the plan
/// explains; the build, tag and push happen at apply, and a failure leaves nothing tagged.
/// </summary>
public sealed class ImageResource() : ReplaceOnlyResource<ImageModel>("immutable_image", ProviderJsonContext.Default.ImageModel)
{
    private const string DefaultDockerfile = "Dockerfile";
    private static readonly TimeSpan DefaultCreateTimeout = TimeSpan.FromMinutes(20);
    private static readonly TimeSpan DefaultDeleteTimeout = TimeSpan.FromMinutes(5);

    /// <inheritdoc />
    protected override void Validate(CtyValue config, Diagnostics diagnostics)
    {
        var name = config.GetAttribute("name");
        if (name.IsKnown && !name.IsNull && ImageName.Problem(name.AsString()) is { } problem)
        {
            diagnostics.AddError("Invalid image name", problem, CtyPath.Root.GetAttr("name"));
        }

        ConfigChecks.Timeouts(config, diagnostics);
    }

    /// <inheritdoc />
    protected override async Task ModifyPlanAsync(PlanModification plan, ResourceContext context)
    {
        if (plan.Config.GetAttribute("dockerfile").IsNull)
        {
            plan.SetComputed("dockerfile", CtyValue.String(DefaultDockerfile));
        }

        if (ImageInputs.FromConfig(plan.Config) is not { } inputs)
        {
            // Something the digest depends on is not known yet: it will be computed at apply.
            return;
        }

        var snapshot = await ScanAsync(inputs, context).ConfigureAwait(false);
        plan.SetComputed("context_digest", CtyValue.String(snapshot.Digest));

        if (plan.Prior is { } prior && context.ProviderData is ProviderServices services)
        {
            await DetectMovedTagAsync(plan, prior, services, context).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    protected override async Task<ImageModel> CreateAsync(ImageModel planned, ResourceContext context)
    {
        var services = context.ProviderDataAs<ProviderServices>();
        var timeout = planned.Timeouts?.Create is { } text ? GoDuration.Parse(text, CtyPath.Root.GetAttr("timeouts").GetAttr("create")) : DefaultCreateTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.Cancellation);
        deadline.CancelAfter(timeout);

        var inputs = ImageInputs.FromModel(planned);
        var snapshot = await ScanAsync(inputs, context).ConfigureAwait(false);
        var tag = ImageName.ContentTag(snapshot.Digest);
        var reference = $"{planned.Name}:{tag}";
        var labels = OciLabels(inputs);
        foreach (var (key, value) in inputs.Labels)
        {
            labels[key] = value;
        }

        foreach (var (key, value) in ImageRecipe.Labels(planned with { Dockerfile = planned.Dockerfile ?? DefaultDockerfile }, snapshot.Digest))
        {
            labels[key] = value;
        }

        string imageId;
        try
        {
            await using var tar = snapshot.OpenTar(deadline.Token);
            imageId = await services.Engine.BuildAsync(tar, new BuildRequest
            {
                Dockerfile = snapshot.Dockerfile,
                Tags = [reference],
                BuildArgs = inputs.BuildArgs,
                Labels = labels,
                Target = inputs.Target,
                Platform = inputs.Platform,
            }, line => context.Logger.LogDebug("build: {Line}", line), deadline.Token).ConfigureAwait(false);
        }
        catch (DockerEngineException ex)
        {
            throw ToDiagnostic(ex, CtyPath.Root.GetAttr("dockerfile"));
        }
        catch (BuildContextException ex)
        {
            throw new DiagnosticException(Diagnostic.Error("Build context changed during apply", ex.Message + " Run terraform plan again.", CtyPath.Root.GetAttr("context")));
        }
        catch (OperationCanceledException) when (!context.Cancellation.IsCancellationRequested)
        {
            throw new DiagnosticException(Diagnostic.Error("Image build timed out", $"The build did not finish within {DurationText.Format(timeout)}.", CtyPath.Root.GetAttr("timeouts")));
        }

        var facts = await services.Engine.InspectImageAsync(imageId, context.Cancellation).ConfigureAwait(false);
        var created = planned with
        {
            Dockerfile = planned.Dockerfile ?? DefaultDockerfile,
            ImageId = imageId,
            ContextDigest = snapshot.Digest,
            CreatedAt = ConfigChecks.Timestamp(facts?.Created ?? DateTimeOffset.UtcNow),
        };

        if (planned.Push != true)
        {
            return created with { RepoDigest = null, Reference = imageId, Id = imageId };
        }

        try
        {
            var digest = await services.Engine.PushAsync(planned.Name!, tag, services.Credentials.For(planned.Name!), line => context.Logger.LogDebug("push: {Line}", line), deadline.Token).ConfigureAwait(false);
            var remote = await RemoteDigestAsync(services, planned.Name!, tag, deadline.Token).ConfigureAwait(false);
            if (remote != digest)
            {
                throw new DockerEngineException(DockerFailure.RegistryRefused, $"The registry serves {remote ?? "nothing"} for {reference}, not the pushed {digest}.");
            }

            var pinned = $"{planned.Name}@{digest}";
            return created with { RepoDigest = digest, Reference = pinned, Id = pinned };
        }
        catch (HttpRequestException ex)
        {
            await services.Engine.RemoveImageAsync(reference, CancellationToken.None).ConfigureAwait(false);
            throw new DiagnosticException(Diagnostic.Error("Registry refused the image", $"The registry could not be reached to verify the push: {ex.Message}", CtyPath.Root.GetAttr("push")));
        }
        catch (Exception ex) when (ex is DockerEngineException or OperationCanceledException)
        {
            // Nothing half-done stays behind: the local tag goes, the state stays empty.
            await services.Engine.RemoveImageAsync(reference, CancellationToken.None).ConfigureAwait(false);
            throw ex is DockerEngineException engine
                ? ToDiagnostic(engine, CtyPath.Root.GetAttr("name"))
                : new DiagnosticException(Diagnostic.Error("Image push timed out", $"The push did not finish within {DurationText.Format(timeout)}.", CtyPath.Root.GetAttr("timeouts")));
        }
    }

    /// <inheritdoc />
    protected override async Task<ImageModel?> ReadAsync(ImageModel current, ResourceContext context)
    {
        var services = context.ProviderDataAs<ProviderServices>();
        try
        {
            var facts = await services.Engine.InspectImageAsync(current.ImageId!, context.Cancellation).ConfigureAwait(false);
            return facts is null ? null : current;
        }
        catch (DockerEngineException ex)
        {
            throw ToDiagnostic(ex, null);
        }
    }

    /// <inheritdoc />
    protected override async Task DeleteAsync(ImageModel current, ResourceContext context)
    {
        if (current.KeepLocally == true || current.ContextDigest is null)
        {
            return;
        }

        var services = context.ProviderDataAs<ProviderServices>();
        var reference = $"{current.Name}:{ImageName.ContentTag(current.ContextDigest)}";
        var timeout = current.Timeouts?.Delete is { } text ? GoDuration.Parse(text, CtyPath.Root.GetAttr("timeouts").GetAttr("delete")) : DefaultDeleteTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.Cancellation);
        deadline.CancelAfter(timeout);
        try
        {
            // Remove our tag only while it still names our image; the image itself goes only
            // when nothing else (another tag, a container) still refers to it.
            var tagged = await services.Engine.InspectImageAsync(reference, deadline.Token).ConfigureAwait(false);
            if (tagged?.Id == current.ImageId)
            {
                await services.Engine.RemoveImageAsync(reference, deadline.Token).ConfigureAwait(false);
            }

            var image = await services.Engine.InspectImageAsync(current.ImageId!, deadline.Token).ConfigureAwait(false);
            if (image is { RepoTags.Count: 0 } && image.RepoDigests.All(d => !d.StartsWith(current.Name + "@", StringComparison.Ordinal) || current.RepoDigest is not null))
            {
                await services.Engine.RemoveImageAsync(current.ImageId!, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (DockerEngineException ex) when (ex.Failure == DockerFailure.Refused)
        {
            context.Warnings.AddWarning("Image kept", $"{current.ImageId} is still in use, so only the resource's tag was removed: {ex.Message}");
        }
        catch (DockerEngineException ex)
        {
            throw ToDiagnostic(ex, null);
        }
    }

    /// <inheritdoc />
    protected override async Task<ImageModel?> ImportAsync(string id, ResourceContext context)
    {
        var services = context.ProviderDataAs<ProviderServices>();
        var at = id.IndexOf("@sha256:", StringComparison.Ordinal);
        if (at <= 0 && !id.StartsWith("sha256:", StringComparison.Ordinal))
        {
            throw new DiagnosticException(Diagnostic.Error("Invalid import id", $"\"{id}\" is not NAME@sha256:DIGEST (a pushed image) or sha256:IMAGE_ID (a local image)."));
        }

        var facts = await services.Engine.InspectImageAsync(id, context.Cancellation).ConfigureAwait(false);
        if (facts is null)
        {
            return null;
        }

        var recipe = ImageRecipe.Read(facts.Labels) ?? throw new DiagnosticException(Diagnostic.Error(
            "Not an image this provider built",
            $"{id} carries no {ImageRecipe.Prefix}recipe label, so its configuration cannot be recovered. Build it with immutable_image instead."));
        var digest = facts.Labels.GetValueOrDefault(ImageRecipe.ContextDigest);
        var pushed = at > 0 ? id[(at + 1)..] : null;
        var reference = pushed is null ? facts.Id : $"{recipe.Name}@{pushed}";
        return recipe with
        {
            ImageId = facts.Id,
            ContextDigest = digest,
            RepoDigest = pushed,
            Reference = reference,
            Id = reference,
            CreatedAt = facts.Created is { } created ? ConfigChecks.Timestamp(created) : null,
        };
    }

    private static async Task DetectMovedTagAsync(PlanModification plan, CtyValue prior, ProviderServices services, ResourceContext context)
    {
        var digest = prior.GetAttribute("context_digest");
        var imageId = prior.GetAttribute("image_id");
        var name = prior.GetAttribute("name");
        if (digest.IsNull || imageId.IsNull || name.IsNull)
        {
            return;
        }

        var reference = $"{name.AsString()}:{ImageName.ContentTag(digest.AsString())}";
        try
        {
            var tagged = await services.Engine.InspectImageAsync(reference, context.Cancellation).ConfigureAwait(false);
            if (tagged is not null && tagged.Id != imageId.AsString())
            {
                plan.RequireReplacement(CtyPath.Root.GetAttr("image_id"),
                    $"The tag {reference} was moved out of band to {tagged.Id}; the image is rebuilt so the tag names the content Terraform built.");
            }

            var repoDigest = prior.GetAttribute("repo_digest");
            if (!repoDigest.IsNull)
            {
                var remote = await RemoteDigestAsync(services, name.AsString(), ImageName.ContentTag(digest.AsString()), context.Cancellation).ConfigureAwait(false);
                if (remote is not null && remote != repoDigest.AsString())
                {
                    plan.RequireReplacement(CtyPath.Root.GetAttr("repo_digest"),
                        $"The registry now serves {remote} for {reference}, not {repoDigest.AsString()}; the image is rebuilt and pushed again.");
                }
            }
        }
        catch (DockerEngineException ex) when (ex.Failure is DockerFailure.Unreachable or DockerFailure.RegistryRefused)
        {
            plan.Diagnostics.AddWarning("Out-of-band changes could not be checked", ex.Message);
        }
        catch (HttpRequestException ex)
        {
            plan.Diagnostics.AddWarning("Out-of-band changes could not be checked", $"The registry could not be reached: {ex.Message}");
        }
    }

    /// <summary>The OCI annotations a mature build sets: when (SOURCE_DATE_EPOCH if given), and which commit of which repository.</summary>
    private static Dictionary<string, string> OciLabels(BuildInputs inputs)
    {
        var created = inputs.SourceDateEpoch is { } epoch ? DateTimeOffset.FromUnixTimeSeconds(epoch) : DateTimeOffset.UtcNow;
        var labels = new Dictionary<string, string>
        {
            ["org.opencontainers.image.created"] = ConfigChecks.Timestamp(created),
        };
        var (commit, origin) = GitRevision.Find(inputs.ContextDirectory);
        if (commit is not null)
        {
            labels["org.opencontainers.image.revision"] = commit;
        }

        if (origin is not null && !origin.Contains('@', StringComparison.Ordinal))
        {
            // URLs with credentials in them never go into an image.
            labels["org.opencontainers.image.source"] = origin;
        }

        return labels;
    }

    private static Task<string?> RemoteDigestAsync(ProviderServices services, string repository, string tag, CancellationToken cancellation)
    {
        var registry = Registry.RegistryCredentialStore.RegistryOf(repository);
        var path = repository.StartsWith(registry + "/", StringComparison.Ordinal) ? repository[(registry.Length + 1)..] : repository;
        if (registry == "docker.io" && !path.Contains('/', StringComparison.Ordinal))
        {
            path = "library/" + path;
        }

        return services.Registry.ManifestDigestAsync(registry, path, tag, services.Credentials.For(repository), cancellation);
    }

    private static async Task<ContextSnapshot> ScanAsync(BuildInputs inputs, ResourceContext context)
    {
        var services = context.ProviderData as ProviderServices;
        try
        {
            return await ContextScanner.ScanAsync(inputs, new ContextScanOptions
            {
                CacheDirectory = services is null ? null : Path.Combine(services.CacheDirectory, "context"),
            }, context.Cancellation).ConfigureAwait(false);
        }
        catch (BuildContextException ex)
        {
            var attribute = ex.Field == BuildInputField.Dockerfile ? "dockerfile" : "context";
            throw new DiagnosticException(Diagnostic.Error("Invalid build context", ex.Message, CtyPath.Root.GetAttr(attribute)));
        }
    }

    private static DiagnosticException ToDiagnostic(DockerEngineException ex, CtyPath? attribute) => new(ex.Failure switch
    {
        DockerFailure.Unreachable => Diagnostic.Error("Docker engine unreachable", ex.Message + "\n" + ex.Detail, CtyPath.Root.GetAttr("name")),
        DockerFailure.BuildFailed => Diagnostic.Error("Image build failed", ex.Message + (ex.Detail.Length > 0 ? "\n\nLast lines of the build output:\n" + ex.Detail : string.Empty), attribute),
        DockerFailure.RegistryRefused => Diagnostic.Error("Registry refused the image", ex.Message, CtyPath.Root.GetAttr("push")),
        _ => Diagnostic.Error("Docker engine refused the request", ex.Message, attribute),
    });
}
