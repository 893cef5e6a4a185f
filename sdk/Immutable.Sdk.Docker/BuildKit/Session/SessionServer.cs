using Grpc.AspNetCore.Server.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Immutable.Sdk.Docker.BuildKit.Session;

/// <summary>
/// Kestrel serving the session's gRPC methods over cleartext HTTP/2 on a private unix socket (in a
/// directory only this user can enter). <see cref="BuildSession"/> connects the daemon's hijacked
/// connection to it, so all HTTP/2 and gRPC framing is Kestrel's. Started per build that needs a
/// session, never at provider start-up.
/// </summary>
internal static class SessionServer
{
    public static async Task<WebApplication> StartAsync(string socketPath, SessionService service, CancellationToken cancellation)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(service);
        builder.Services.AddRoutingCore();
        builder.Services.AddGrpc(grpc => grpc.EnableDetailedErrors = false);
        builder.Services.RemoveAll(typeof(IServiceMethodProvider<>));
        builder.Services.AddSingleton<IServiceMethodProvider<SessionService>, SessionMethods>();
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.ListenUnixSocket(socketPath, listen => listen.Protocols = HttpProtocols.Http2);
        });

        var app = builder.Build();
        app.UseRouting();
        app.MapGrpcService<SessionService>();
        await app.StartAsync(cancellation).ConfigureAwait(false);
        return app;
    }
}
