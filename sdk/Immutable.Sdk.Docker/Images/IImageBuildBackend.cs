using Immutable.Sdk.Docker.BuildContext;
using Immutable.Sdk.Docker.Engine;

namespace Immutable.Sdk.Docker.Images;

/// <summary>
/// Turns a scanned build context into a local image. <see cref="ClassicBuildBackend"/> sends the
/// context tar to the engine's <c>/build</c>; another backend (BuildKit) plugs in here without the
/// image lifecycle around it changing.
/// </summary>
public interface IImageBuildBackend
{
    /// <summary>
    /// Builds <paramref name="context"/> as <paramref name="request"/> says and returns the image id.
    /// A failing step throws <see cref="DockerEngineException"/> (<see cref="DockerFailure.BuildFailed"/>);
    /// a context file that changed since the scan throws <see cref="BuildContextException"/>.
    /// </summary>
    Task<string> BuildAsync(ContextSnapshot context, BuildRequest request, Action<string> log, CancellationToken cancellation);
}
