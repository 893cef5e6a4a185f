using Immutable.Sdk.Docker.BuildContext;
using Immutable.Sdk.Docker.Engine;
using Immutable.Sdk.Docker.Engine.Credentials;

namespace Immutable.Sdk.Docker.Images;

/// <summary>
/// The image lifecycle, as <see cref="Rollouts.RolloutEngine"/> is the rollout lifecycle: scan the
/// context, build it through an <see cref="IImageBuildBackend"/>, tag it by content, push and verify
/// the registry's digest, and clean up so that a failure leaves nothing tagged. Also the facts a plan,
/// a refresh, a removal and an import need. Failures surface as <see cref="ImageException"/>.
/// </summary>
public sealed partial class ImageBuilder(
    DockerEngine engine,
    RegistryClient registry,
    RegistryCredentialStore credentials,
    IImageBuildBackend backend,
    string? cacheDirectory,
    Action<ImagePhase, string> log)
{
    /// <summary>
    /// Scans a build context (plan time and apply time alike); <paramref name="cacheDirectory"/> keeps
    /// file hashes between scans. An unusable context throws <see cref="ImageException"/> on the
    /// context or the Dockerfile.
    /// </summary>
    public static async Task<ContextSnapshot> ScanAsync(BuildInputs inputs, string? cacheDirectory, CancellationToken cancellation)
    {
        try
        {
            var snapshot = await ContextScanner.ScanAsync(inputs, new ContextScanOptions
            {
                CacheDirectory = cacheDirectory is null ? null : Path.Combine(cacheDirectory, "context"),
            }, cancellation).ConfigureAwait(false);
            if (cacheDirectory is not null)
            {
                // Kept so a later plan can name the files that changed since this build (InputChanges).
                ContextManifest.Save(cacheDirectory, snapshot);
            }

            return snapshot;
        }
        catch (BuildContextException ex)
        {
            throw ImageFailures.From(ex);
        }
    }

    /// <summary>
    /// The checks a configuration can get before any scan: the context directory exists and, when
    /// <paramref name="dockerfile"/> is known (<paramref name="dockerfileKnown"/>), the Dockerfile lies
    /// inside it. Throws <see cref="ImageException"/> as <see cref="ScanAsync"/> would.
    /// </summary>
    public static void CheckPaths(string contextDirectory, string? dockerfile, bool dockerfileKnown)
    {
        try
        {
            ContextScanner.CheckPaths(contextDirectory, dockerfile, dockerfileKnown);
        }
        catch (BuildContextException ex)
        {
            throw ImageFailures.From(ex);
        }
    }

    /// <summary>
    /// Scans, builds and tags <c>repository:ctx-…</c>, then (when asked) pushes and checks that the
    /// registry serves exactly the pushed digest. On a failed push the local tag is removed again.
    /// </summary>
    public async Task<ImageResult> BuildAsync(ImageRequest request, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(request.Timeout);

        var snapshot = await ScanAsync(request.Inputs, cacheDirectory, cancellation).ConfigureAwait(false);
        var tag = ContentTag.Of(snapshot.Digest);
        var tagged = request.Repository.WithoutTagOrDigest().WithTag(tag);
        var imageId = await BuildTaggedAsync(request, snapshot, tagged.ToString(), deadline.Token, cancellation).ConfigureAwait(false);

        var facts = await Engine(() => engine.InspectImageAsync(imageId, cancellation), ImageField.None).ConfigureAwait(false);
        var result = new ImageResult
        {
            ImageId = imageId,
            ContextDigest = snapshot.Digest,
            Created = facts?.Created ?? DateTimeOffset.UtcNow,
            Reference = imageId,
        };
        if (!request.Push)
        {
            return result;
        }

        var digest = await PushVerifiedAsync(request, tag, deadline.Token).ConfigureAwait(false);
        return result with { RepoDigest = digest, Reference = ImageResult.PinnedReference(request.Repository, digest, imageId) };
    }

    private async Task<string> BuildTaggedAsync(ImageRequest request, ContextSnapshot snapshot, string tagged, CancellationToken deadline, CancellationToken cancellation)
    {
        // Later entries win: the OCI annotations, then the user's labels, then the engine's own.
        var labels = OciLabels.For(request.Inputs);
        foreach (var (key, value) in request.Inputs.Labels)
        {
            labels[key] = value;
        }

        labels[ImageLabels.ManagedBy] = ImageLabels.Owner;
        labels[ImageLabels.ContextDigest] = snapshot.Digest;
        if (request.Recipe is { } recipe)
        {
            labels[ImageLabels.Recipe] = recipe;
        }

        try
        {
            return await backend.BuildAsync(snapshot, new BuildRequest
            {
                Dockerfile = snapshot.Dockerfile,
                Tags = [tagged],
                BuildArgs = request.Inputs.BuildArgs,
                Labels = labels,
                Target = request.Inputs.Target,
                Platform = request.Inputs.Platform,
                NoCache = request.NoCache,
                Secrets = request.Secrets,
                SshAgents = request.SshAgents,
            }, line => log(ImagePhase.Build, line), deadline).ConfigureAwait(false);
        }
        catch (DockerEngineException ex)
        {
            throw ImageFailures.From(ex, ImageField.Dockerfile);
        }
        catch (BuildContextException ex)
        {
            throw new ImageException(ImageField.Context, "Build context changed during apply", ex.Message + " Run terraform plan again.", ex);
        }
        catch (OperationCanceledException ex) when (!cancellation.IsCancellationRequested)
        {
            throw new ImageException(ImageField.Timeouts, "Image build timed out", $"The build did not finish within {DurationText.Format(request.Timeout)}.", ex);
        }
    }

    private async Task<string> PushVerifiedAsync(ImageRequest request, string tag, CancellationToken deadline)
    {
        var repository = request.Repository.WithoutTagOrDigest();
        var tagged = repository.WithTag(tag).ToString();
        try
        {
            var digest = await engine.PushAsync(repository.Name, tag, credentials.For(repository), line => log(ImagePhase.Push, line), deadline).ConfigureAwait(false);
            var remote = await RemoteDigestAsync(repository, tag, deadline).ConfigureAwait(false);
            if (remote != digest)
            {
                throw new DockerEngineException(DockerFailure.RegistryRefused, $"The registry serves {remote ?? "nothing"} for {tagged}, not the pushed {digest}.");
            }

            return digest;
        }
        catch (HttpRequestException ex)
        {
            await engine.RemoveImageAsync(tagged, CancellationToken.None).ConfigureAwait(false);
            throw new ImageException(ImageField.Push, "Registry refused the image", $"The registry could not be reached to verify the push: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is DockerEngineException or OperationCanceledException)
        {
            // Nothing half-done stays behind: the local tag goes, the caller records nothing.
            await engine.RemoveImageAsync(tagged, CancellationToken.None).ConfigureAwait(false);
            throw ex is DockerEngineException failure
                ? ImageFailures.From(failure, ImageField.Name)
                : new ImageException(ImageField.Timeouts, "Image push timed out", $"The push did not finish within {DurationText.Format(request.Timeout)}.", ex);
        }
    }

    private Task<string?> RemoteDigestAsync(Sdk.Docker.References.ImageReference repository, string tag, CancellationToken cancellation) =>
        registry.ManifestDigestAsync(repository.Domain, repository.Path, tag, credentials.For(repository), cancellation);

    private static async Task<T> Engine<T>(Func<Task<T>> call, ImageField field)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (DockerEngineException ex)
        {
            throw ImageFailures.From(ex, field);
        }
    }
}
