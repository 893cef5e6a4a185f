using Immutable.Sdk.Hosting.Kestrel;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging.Abstractions;

namespace Immutable.Sdk.Docker.BuildKit.Session;

/// <summary>
/// Kestrel serving the session's gRPC methods over cleartext HTTP/2 on a private unix socket (in a
/// directory only this user can enter). <see cref="BuildSession"/> connects the daemon's hijacked
/// connection to it, so all HTTP/2 and gRPC framing is Kestrel's. Started per build that needs a
/// session, never at provider start-up; configured directly like the plugin's own server, so the
/// provider carries no web host.
/// </summary>
internal static class SessionServer
{
    public static async Task<KestrelGrpcServer> StartAsync(string socketPath, SessionService service, CancellationToken cancellation)
    {
        var server = KestrelGrpcServer.Create(
            service,
            new SessionMethods().OnServiceMethodDiscovery,
            NullLoggerFactory.Instance,
            grpc => grpc.EnableDetailedErrors = false,
            kestrel =>
            {
                kestrel.AddServerHeader = false;
                kestrel.ListenUnixSocket(socketPath, listen => listen.Protocols = HttpProtocols.Http2);
            });
        try
        {
            await server.StartAsync(cancellation).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
