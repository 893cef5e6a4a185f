using Google.Protobuf;
using Grpc.Core;
using Immutable.Sdk.Docker.BuildKit.Wire;
using Microsoft.Extensions.Logging;

namespace Immutable.Sdk.Docker.BuildKit.Session;

/// <summary><c>moby.buildkit.secrets.v1.Secrets</c>: the bytes of a <c>RUN --mount=type=secret</c>.</summary>
internal sealed partial class SessionService
{
    public Task<GetSecretResponse> GetSecret(GetSecretRequest call, ServerCallContext context)
    {
        if (!request.Secrets.TryGetValue(call.ID, out var secret))
        {
            // BuildKit fails the step unless the mount says required=false; its message names the id.
            log.LogDebug("build: the build asked for secret {Id}, which is not configured", call.ID);
            throw new RpcException(new Status(StatusCode.NotFound, $"secret {call.ID} not found"));
        }

        try
        {
            log.LogDebug("build: serving secret {Id} from {Source}", call.ID, secret);
            return Task.FromResult(new GetSecretResponse { Data = ByteString.CopyFrom(secret.Read()) });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"secret {call.ID} cannot be read from {secret}: {ex.Message}"));
        }
    }
}
