using Immutable.Sdk.Docker.BuildContext;
using Immutable.Sdk.Docker.Engine;

namespace Immutable.Sdk.Docker.Images;

/// <summary>Words the engine's and the context's failures as <see cref="ImageException"/>s.</summary>
internal static class ImageFailures
{
    /// <summary>An engine failure; <paramref name="field"/> is where a refusal or failed build points.</summary>
    public static ImageException From(DockerEngineException ex, ImageField field) => ex.Failure switch
    {
        DockerFailure.Unreachable => new(ImageField.Name, "Docker engine unreachable", ex.Message + "\n" + ex.Detail, ex),
        DockerFailure.BuildFailed => new(field, "Image build failed", ex.Message + (ex.Detail.Length > 0 ? "\n\nLast lines of the build output:\n" + ex.Detail : string.Empty), ex),
        DockerFailure.RegistryRefused => new(ImageField.Push, "Registry refused the image", ex.Message, ex),
        _ => new(field, "Docker engine refused the request", ex.Message, ex),
    };

    /// <summary>A context that cannot be read, pointing at the context or the Dockerfile.</summary>
    public static ImageException From(BuildContextException ex) =>
        new(ex.Field == BuildInputField.Dockerfile ? ImageField.Dockerfile : ImageField.Context, "Invalid build context", ex.Message, ex);
}
