using System.Net.Http;
using Immutable.Sdk.Docker.Engine;
using Immutable.Sdk.Docker.References;

namespace Immutable.Sdk.Docker.Rollouts.Swarm;

/// <summary>
/// A tag (accepted with <c>allow_unpinned_image</c>) is resolved to the digest the registry serves once, before the
/// service is created, as <c>docker service create</c> does: every node then pulls the same content, and a tag moved
/// later cannot put two images into one generation.
/// </summary>
public sealed partial class SwarmRuntime
{
    private async Task<string> PinnedImageAsync(RolloutSpec spec, CancellationToken cancellation)
    {
        if (ImageReference.IsPinned(spec.Image) || !ImageReference.TryParse(spec.Image, out var reference))
        {
            return spec.Image;
        }

        string? digest;
        try
        {
            digest = await registry.ManifestDigestAsync(reference.Domain, reference.Path, reference.Tag ?? "latest", spec.PullCredentials, cancellation).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or DockerEngineException || (ex is TaskCanceledException && !cancellation.IsCancellationRequested))
        {
            // Refused (a wrong password: 401) or unreachable: either way no service is created.
            throw new RolloutException(RolloutField.Image, "Tag could not be resolved",
                $"The tag {spec.Image} must be resolved to a digest before Swarm runs it, so that every node runs the same image, but its registry {reference.Domain} did not resolve it: {ex.Message}", ex);
        }

        if (digest is null)
        {
            throw new RolloutException(RolloutField.Image, "Tag not found",
                $"The registry {reference.Domain} has no tag {reference.Tag ?? "latest"} in {reference.Path}: push the image first, or use immutable_image's reference attribute.");
        }

        var pinned = reference.WithDigest(digest).ToString();
        log($"resolved {spec.Image} to {pinned}: every task of the generation runs that digest");
        return pinned;
    }
}
