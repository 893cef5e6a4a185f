using System.Collections.Frozen;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Immutable.Sdk.Hosting.Kestrel;

/// <summary>
/// What Kestrel runs per request: finds the RPC's request delegate by path, as the routing middleware
/// would for gRPC's routes, and runs it. Paths that name no RPC get Grpc.AspNetCore's own
/// "unimplemented" answers; requests that are not gRPC calls get 404 (or 405 for a known path).
/// </summary>
internal sealed class GrpcApplication : IHttpApplication<HttpContext>
{
    private readonly FrozenDictionary<string, RequestDelegate> _methods;
    private readonly FrozenDictionary<string, RequestDelegate> _unknownMethodOfService;
    private readonly RequestDelegate? _unknownService;
    private readonly IServiceProvider _services;

    public GrpcApplication(IEnumerable<RouteEndpoint> endpoints, IServiceProvider services)
    {
        _services = services;
        var methods = new Dictionary<string, RequestDelegate>(StringComparer.Ordinal);
        var unknownMethods = new Dictionary<string, RequestDelegate>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints)
        {
            if (endpoint.RequestDelegate is not { } run)
            {
                continue;
            }

            if (endpoint.Metadata.GetMetadata<GrpcMethodMetadata>() is { } grpc)
            {
                methods[grpc.Method.FullName] = run;
            }
            else if (FirstPart(endpoint.RoutePattern) is RoutePatternLiteralPart service)
            {
                unknownMethods[service.Content] = run; // "{service}/{unimplementedMethod}"
            }
            else
            {
                _unknownService = run; // "{unimplementedService}/{unimplementedMethod}"
            }
        }

        _methods = methods.ToFrozenDictionary(StringComparer.Ordinal);
        _unknownMethodOfService = unknownMethods.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public HttpContext CreateContext(IFeatureCollection contextFeatures)
    {
        contextFeatures.Set<IServiceProvidersFeature>(new ServiceProvidersFeature { RequestServices = _services });
        return new DefaultHttpContext(contextFeatures);
    }

    public Task ProcessRequestAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        var isCall = HttpMethods.IsPost(context.Request.Method) && IsGrpcContentType(context.Request.ContentType);
        if (_methods.TryGetValue(path, out var method))
        {
            if (HttpMethods.IsPost(context.Request.Method))
            {
                return method(context);
            }

            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return Task.CompletedTask;
        }

        if (isCall && Split(path) is var (service, name))
        {
            context.Request.RouteValues["unimplementedService"] = service;
            context.Request.RouteValues["unimplementedMethod"] = name;
            if (_unknownMethodOfService.TryGetValue(service, out var unknownMethod))
            {
                return unknownMethod(context);
            }

            if (_unknownService is not null)
            {
                return _unknownService(context);
            }
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    public void DisposeContext(HttpContext context, Exception? exception)
    {
    }

    private static RoutePatternPart? FirstPart(RoutePattern pattern) =>
        pattern.PathSegments.Count > 0 && pattern.PathSegments[0].Parts.Count > 0 ? pattern.PathSegments[0].Parts[0] : null;

    /// <summary>"/package.Service/Method" into its two names; null for any other shape.</summary>
    private static (string Service, string Method)? Split(string path)
    {
        var slash = path.IndexOf('/', 1);
        return path.Length > 1 && path[0] == '/' && slash > 1 && slash < path.Length - 1 && path.IndexOf('/', slash + 1) < 0
            ? (path[1..slash], path[(slash + 1)..])
            : null;
    }

    /// <summary>application/grpc, optionally with a +format or parameters, as the gRPC over HTTP/2 spec names it.</summary>
    private static bool IsGrpcContentType(string? contentType) =>
        contentType is not null &&
        contentType.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) &&
        (contentType.Length == 16 || contentType[16] is '+' or ';');
}
