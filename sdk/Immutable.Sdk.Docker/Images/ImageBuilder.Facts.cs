using Immutable.Sdk.Docker.Engine;
using Immutable.Sdk.Docker.References;

namespace Immutable.Sdk.Docker.Images;

/// <summary>What a refresh, a plan and an import learn about images that already exist.</summary>
public sealed partial class ImageBuilder
{
    /// <summary>True while the engine still has the image <paramref name="imageId"/>.</summary>
    public async Task<bool> ExistsAsync(string imageId, CancellationToken cancellation) =>
        await Engine(() => engine.InspectImageAsync(imageId, cancellation), ImageField.None).ConfigureAwait(false) is not null;

    /// <summary>
    /// Out-of-band changes to an image made earlier: its content tag moved to another image locally,
    /// or the registry serves another manifest for it. An unreachable engine or registry is reported
    /// as <see cref="ImageDriftKind.Unchecked"/>, never as a failure.
    /// </summary>
    public async Task<IReadOnlyList<ImageDrift>> CheckDriftAsync(ImageRecord image, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Tagged is not { } tagged || image.ImageId is null)
        {
            return [];
        }

        var found = new List<ImageDrift>();
        try
        {
            var local = await engine.InspectImageAsync(tagged.ToString(), cancellation).ConfigureAwait(false);
            if (local is not null && local.Id != image.ImageId)
            {
                found.Add(new ImageDrift(ImageDriftKind.TagMoved,
                    $"The tag {tagged} was moved out of band to {local.Id}; the image is rebuilt so the tag names the content Terraform built."));
            }

            if (image.RepoDigest is not null)
            {
                var remote = await RemoteDigestAsync(image.Repository, tagged.Tag!, cancellation).ConfigureAwait(false);
                if (remote is not null && remote != image.RepoDigest)
                {
                    found.Add(new ImageDrift(ImageDriftKind.RegistryMoved,
                        $"The registry now serves {remote} for {tagged}, not {image.RepoDigest}; the image is rebuilt and pushed again."));
                }
            }
        }
        catch (DockerEngineException ex) when (ex.Failure is DockerFailure.Unreachable or DockerFailure.RegistryRefused)
        {
            found.Add(new ImageDrift(ImageDriftKind.Unchecked, ex.Message));
        }
        catch (HttpRequestException ex)
        {
            found.Add(new ImageDrift(ImageDriftKind.Unchecked, $"The registry could not be reached: {ex.Message}"));
        }

        return found;
    }

    /// <summary>
    /// What an existing image says about itself: <paramref name="id"/> is <c>NAME@sha256:…</c> (a
    /// pushed image) or <c>sha256:…</c> (a local image id). Null when the engine has no such image.
    /// </summary>
    public async Task<ImportedImage?> ImportAsync(string id, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(id);
        var pushed = ImageReference.TryParse(id, out var reference) && reference.Digest is { } digest && digest.StartsWith("sha256:", StringComparison.Ordinal) && !ImageReference.IsImageId(id) ? digest : null;
        if (pushed is null && !ImageReference.IsImageId(id))
        {
            throw new ImageException(ImageField.None, "Invalid import id", $"\"{id}\" is not NAME@sha256:DIGEST (a pushed image) or sha256:IMAGE_ID (a local image).");
        }

        var facts = await Engine(() => engine.InspectImageAsync(id, cancellation), ImageField.None).ConfigureAwait(false);
        return facts is null
            ? null
            : new ImportedImage
            {
                ImageId = facts.Id,
                ContextDigest = facts.Labels.GetValueOrDefault(ImageLabels.ContextDigest),
                RepoDigest = pushed,
                Recipe = facts.Labels.GetValueOrDefault(ImageLabels.Recipe),
                Created = facts.Created,
            };
    }
}
