using Immutable.Sdk.Docker.BuildContext;
using Immutable.Sdk.Docker.BuildKit;
using Immutable.Sdk.Docker.Engine;
using Microsoft.Extensions.Logging;

namespace Immutable.Sdk.Docker.Images;

/// <summary>
/// BuildKit: the deterministic context tar streamed to the engine's <c>/build?version=2</c>, with a
/// session for secrets, SSH agents and the registry credentials of private base images. Its trace is
/// logged to <paramref name="logger"/> with levels (steps at information, their output at debug)
/// rather than through the line callback.
/// </summary>
public sealed class BuildKitBuildBackend(BuildKitBuilder builder, Func<string, RegistryCredentials?> credentials, ILogger logger) : IImageBuildBackend
{
    /// <inheritdoc />
    public async Task<string> BuildAsync(ContextSnapshot context, BuildRequest request, Action<string> log, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        await using var tar = context.OpenTar(cancellation);
        return await builder.BuildAsync(tar, request, credentials, logger, cancellation).ConfigureAwait(false);
    }
}
