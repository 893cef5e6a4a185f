using Immutable.Sdk.Hosting.Kestrel;
using Immutable.Sdk.Protocol;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Immutable.Sdk.Hosting;

/// <summary>
/// The running plugin: its gRPC server, its lifetime and what it owns. Stopping is go-plugin's order:
/// the controller's Shutdown answer goes out first, then open streams end, then Kestrel stops
/// accepting and waits for the client to close its connection.
/// </summary>
internal sealed class PluginGrpcServer(KestrelGrpcServer server, PluginLifetime lifetime, ProviderService provider, LoggerFactory loggers) : IAsyncDisposable
{
    /// <summary>As long as a generic host would wait for open requests at shutdown.</summary>
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(30);

    public PluginLifetime Lifetime => lifetime;

    public ILoggerFactory Loggers => loggers;

    /// <summary>The endpoints of every RPC served.</summary>
    public IReadOnlyList<RouteEndpoint> Endpoints => server.Endpoints;

    public Task StartAsync() => server.StartAsync(CancellationToken.None);

    /// <summary>Returns once something asked the plugin to stop and the server has stopped.</summary>
    public async Task WaitForShutdownAsync()
    {
        await lifetime.StopRequested.ConfigureAwait(false);
        using var timeout = new CancellationTokenSource(ShutdownTimeout);
        await server.StopAsync(timeout.Token).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync().ConfigureAwait(false);
        provider.Dispose();
        loggers.Dispose();
    }
}
