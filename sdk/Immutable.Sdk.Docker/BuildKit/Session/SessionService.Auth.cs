using Grpc.Core;
using Immutable.Sdk.Docker.BuildKit.Wire;
using Microsoft.Extensions.Logging;

namespace Immutable.Sdk.Docker.BuildKit.Session;

/// <summary>
/// <c>moby.filesync.v1.Auth/Credentials</c>: registry credentials for pulling base images. BuildKit
/// falls back to this method when the session does not expose <c>FetchToken</c>, and then runs the
/// registry's token exchange itself; an empty answer means anonymous.
/// </summary>
internal sealed partial class SessionService
{
    public Task<CredentialsResponse> Credentials(CredentialsRequest call, ServerCallContext context)
    {
        var answer = credentials?.Invoke(call.Host);
        log.LogDebug("build: registry credentials for {Host}: {Answer}", call.Host, answer is null ? "none (anonymous)" : answer.Username);
        return Task.FromResult(answer is null
            ? new CredentialsResponse()
            : new CredentialsResponse { Username = answer.Username, Secret = answer.Password });
    }
}
