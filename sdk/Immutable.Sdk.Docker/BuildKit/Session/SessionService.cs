using Grpc.Core;
using Grpc.Health.V1;
using Immutable.Sdk.Docker.Engine;
using Microsoft.Extensions.Logging;

namespace Immutable.Sdk.Docker.BuildKit.Session;

/// <summary>
/// What this client serves the daemon during one build: secrets, registry credentials, SSH agent
/// forwarding and the health check BuildKit polls to keep the session alive. Each service is in its
/// own part of this class; <see cref="SessionMethods"/> registers them.
/// </summary>
internal sealed partial class SessionService(BuildRequest request, Func<string, RegistryCredentials?>? credentials, ILogger log)
{
    public Task<HealthCheckResponse> Check(HealthCheckRequest unused, ServerCallContext context) =>
        Task.FromResult(new HealthCheckResponse { Status = HealthCheckResponse.Types.ServingStatus.Serving });
}
