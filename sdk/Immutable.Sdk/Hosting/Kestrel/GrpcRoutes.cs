using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Immutable.Sdk.Hosting.Kestrel;

/// <summary>
/// The endpoint collection <c>MapGrpcService</c> fills: Grpc.AspNetCore makes one request delegate per
/// RPC (plus its "unimplemented" answers) and hands them to a route builder. We take the delegates
/// out and dispatch on the path ourselves (<see cref="GrpcApplication"/>), with no routing middleware.
/// </summary>
internal sealed class GrpcRoutes(IServiceProvider services) : IEndpointRouteBuilder
{
    private readonly List<EndpointDataSource> _sources = [];

    public IServiceProvider ServiceProvider { get; } = services;

    public ICollection<EndpointDataSource> DataSources => _sources;

    /// <summary>Every endpoint mapped so far.</summary>
    public IReadOnlyList<RouteEndpoint> Endpoints => [.. _sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()];

    public IApplicationBuilder CreateApplicationBuilder() =>
        throw new NotSupportedException("The gRPC endpoints are served without middleware.");
}
