using Immutable.Sdk.Docker.BuildContext;
using Immutable.Sdk.Docker.Engine;

namespace Immutable.Sdk.Docker.Images;

/// <summary>The classic builder: the deterministic context tar streamed to the engine's <c>/build</c>.</summary>
public sealed class ClassicBuildBackend(DockerEngine engine) : IImageBuildBackend
{
    /// <inheritdoc />
    public async Task<string> BuildAsync(ContextSnapshot context, BuildRequest request, Action<string> log, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(context);
        await using var tar = context.OpenTar(cancellation);
        return await engine.BuildAsync(tar, request, log, cancellation).ConfigureAwait(false);
    }
}
