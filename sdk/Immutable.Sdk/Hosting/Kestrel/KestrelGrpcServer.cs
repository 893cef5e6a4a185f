using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Metrics;
using System.IO.Compression;
using Grpc.AspNetCore.Server;
using Grpc.AspNetCore.Server.Model;
using Grpc.Net.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Immutable.Sdk.Hosting.Kestrel;

/// <summary>
/// One gRPC service on Kestrel, configured directly: no web host, no generic host, no routing
/// middleware. Kestrel itself is made with its public constructor over the socket transport, not
/// resolved from the container: resolving its internal server through reflection-driven DI (and the
/// garbage collections that lands in) was ~6 % of the provider's start-up CPU. The service container
/// holds only what Grpc.AspNetCore resolves, with every option and the service activator registered
/// closed, so nothing is built from open generics at start-up (NativeAOT would build those from
/// templates at run time). All HTTP/2 and gRPC framing stays Kestrel's and Grpc.AspNetCore's.
/// </summary>
internal sealed class KestrelGrpcServer : IAsyncDisposable
{
    private const int GrpcDefaultReceiveLimit = 4 * 1024 * 1024;

    private readonly ServiceProvider _services;
    private readonly QuietMeterFactory _meters;
    private readonly DiagnosticListener _diagnostics;
    private readonly KestrelServer _server;
    private readonly GrpcApplication _application;
    private int _disposed;

    private KestrelGrpcServer(ServiceProvider services, QuietMeterFactory meters, DiagnosticListener diagnostics, KestrelServer server, IReadOnlyList<RouteEndpoint> endpoints)
    {
        _services = services;
        _meters = meters;
        _diagnostics = diagnostics;
        _server = server;
        Endpoints = endpoints;
        _application = new GrpcApplication(endpoints, services);
    }

    /// <summary>The endpoints Grpc.AspNetCore made for the service's RPCs and its "unimplemented" answers.</summary>
    public IReadOnlyList<RouteEndpoint> Endpoints { get; }

    /// <summary>Builds the server; it listens once started.</summary>
    /// <param name="service">The one instance serving every call.</param>
    /// <param name="addMethods">Registers the RPCs with exact types (see <see cref="ServiceMethods{TService}"/>).</param>
    /// <param name="loggers">Where Kestrel's and gRPC's logs go.</param>
    /// <param name="configureGrpc">gRPC options on top of Grpc.AspNetCore's defaults.</param>
    /// <param name="configureKestrel">Listeners and limits; runs with <see cref="KestrelServerOptions.ApplicationServices"/> set.</param>
    public static KestrelGrpcServer Create<[DynamicallyAccessedMembers(ServiceMethods.Access)] TService>(
        TService service,
        Action<ServiceMethodProviderContext<TService>> addMethods,
        ILoggerFactory loggers,
        Action<GrpcServiceOptions> configureGrpc,
        Action<KestrelServerOptions> configureKestrel)
        where TService : class
    {
        var services = new ServiceCollection();
        services.AddSingleton(loggers);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        var meters = new QuietMeterFactory();
        services.AddSingleton<IMeterFactory>(meters);
        // Kestrel writes its request events here; nothing subscribes, so writing costs nothing.
        var diagnostics = new DiagnosticListener("Microsoft.AspNetCore");
        services.AddSingleton<DiagnosticSource>(diagnostics);

        services.AddGrpc();
        services.RemoveAll(typeof(IServiceMethodProvider<>));
        services.AddSingleton<IServiceMethodProvider<TService>>(new ServiceMethods<TService>(addMethods));
        services.AddSingleton<IGrpcServiceActivator<TService>>(new SingletonActivator<TService>(service));
        services.AddSingleton(Options.Create(GrpcOptions(configureGrpc)));
        services.AddSingleton(Options.Create(new GrpcServiceOptions<TService>()));
        services.AddSingleton(Options.Create(new RouteHandlerOptions()));

        var kestrel = new KestrelServerOptions();
        var provider = services.BuildServiceProvider();
        KestrelServer? server = null;
        try
        {
            kestrel.ApplicationServices = provider;
            configureKestrel(kestrel);
            server = new KestrelServer(Options.Create(kestrel), new SocketTransportFactory(Options.Create(new SocketTransportOptions()), loggers), loggers);
            var routes = new GrpcRoutes(provider);
            routes.MapGrpcService<TService>();
            return new KestrelGrpcServer(provider, meters, diagnostics, server, routes.Endpoints);
        }
        catch
        {
            server?.Dispose();
            provider.Dispose();
            meters.Dispose();
            diagnostics.Dispose();
            throw;
        }
    }

    /// <summary>Binds the listeners and starts accepting connections.</summary>
    public Task StartAsync(CancellationToken cancellation) => _server.StartAsync(_application, cancellation);

    /// <summary>Stops accepting, lets open calls finish until <paramref name="cancellation"/> fires, then aborts the rest.</summary>
    public Task StopAsync(CancellationToken cancellation) => _server.StopAsync(cancellation);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _server.Dispose();
        await _services.DisposeAsync().ConfigureAwait(false);
        _meters.Dispose();
        _diagnostics.Dispose();
    }

    /// <summary>Grpc.AspNetCore's defaults (what its options setup applies), then the caller's.</summary>
    private static GrpcServiceOptions GrpcOptions(Action<GrpcServiceOptions> configure)
    {
        var options = new GrpcServiceOptions { MaxReceiveMessageSize = GrpcDefaultReceiveLimit };
        options.CompressionProviders.Add(new GzipCompressionProvider(CompressionLevel.Fastest));
        configure(options);
        return options;
    }
}
