using Immutable.Sdk.Docker.Engine;
using Immutable.Sdk.Docker.References;

namespace Immutable.Sdk.Docker.Images;

/// <summary>Removing an image made earlier without taking anything that is not ours.</summary>
public sealed partial class ImageBuilder
{
    /// <summary>
    /// Removes the image's content tag while it still names the image, then the image itself when
    /// nothing else (another tag, a pull by digest, a container) refers to it. Returns why the image
    /// was kept when the engine refused to remove it (still in use), else null.
    /// </summary>
    public async Task<string?> RemoveAsync(ImageRecord image, TimeSpan timeout, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.KeepLocally || image.Tagged is not { } tagged)
        {
            return null;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(timeout);
        try
        {
            var reference = tagged.ToString();
            var current = await engine.InspectImageAsync(reference, deadline.Token).ConfigureAwait(false);
            if (current?.Id == image.ImageId)
            {
                await engine.RemoveImageAsync(reference, deadline.Token).ConfigureAwait(false);
            }

            var left = await engine.InspectImageAsync(image.ImageId!, deadline.Token).ConfigureAwait(false);
            if (left is { RepoTags.Count: 0 } && (image.RepoDigest is not null || !left.RepoDigests.Any(d => NamesRepository(d, image.Repository))))
            {
                await engine.RemoveImageAsync(image.ImageId!, deadline.Token).ConfigureAwait(false);
            }

            return null;
        }
        catch (DockerEngineException ex) when (ex.Failure == DockerFailure.Refused)
        {
            return $"{image.ImageId} is still in use, so only the resource's tag was removed: {ex.Message}";
        }
        catch (DockerEngineException ex)
        {
            throw ImageFailures.From(ex, ImageField.None);
        }
    }

    private static bool NamesRepository(string repoDigest, ImageReference repository) =>
        ImageReference.TryParse(repoDigest, out var pinned) && pinned.SameRepository(repository);
}
