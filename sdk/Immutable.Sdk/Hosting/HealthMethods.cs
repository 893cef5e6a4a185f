using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Grpc.Health.V1;
using Immutable.Sdk.Protocol;

namespace Immutable.Sdk.Hosting;

/// <summary>
/// The gRPC health RPCs with their exact types, for <see cref="ServiceMethods{TService}"/>. The
/// generated method descriptions are private to Grpc.HealthCheck, so they are spelled out here.
/// </summary>
internal static class HealthMethods
{
    private const string ServiceName = "grpc.health.v1.Health";
    private static readonly Marshaller<HealthCheckRequest> Request = Marshallers.Create(m => m.ToByteArray(), HealthCheckRequest.Parser.ParseFrom);
    private static readonly Marshaller<HealthCheckResponse> Response = Marshallers.Create(m => m.ToByteArray(), HealthCheckResponse.Parser.ParseFrom);

    public static void Add(ServiceMethodProviderContext<ProviderService> context, Health.HealthBase service)
    {
        context.AddUnaryMethod(new Method<HealthCheckRequest, HealthCheckResponse>(MethodType.Unary, ServiceName, "Check", Request, Response), [], (_, r, c) => service.Check(r, c));
        context.AddServerStreamingMethod(new Method<HealthCheckRequest, HealthCheckResponse>(MethodType.ServerStreaming, ServiceName, "Watch", Request, Response), [], (_, r, w, c) => service.Watch(r, w, c));
    }
}
