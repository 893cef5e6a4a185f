using Grpc.AspNetCore.Server.Model;
using Immutable.Sdk.Hosting;
using Immutable.Sdk.Protocol;

namespace Immutable.Sdk.Plugin.GoPlugin;

/// <summary>go-plugin's controller RPC with its exact types, for <see cref="ServiceMethods{TService}"/>.</summary>
internal static partial class GRPCController
{
    internal static void AddMethods(ServiceMethodProviderContext<ProviderService> context, GRPCControllerBase service) =>
        context.AddUnaryMethod(__Method_Shutdown, [], (_, r, c) => service.Shutdown(r, c));
}

/// <summary>go-plugin's stdio RPC with its exact types, for <see cref="ServiceMethods{TService}"/>.</summary>
internal static partial class GRPCStdio
{
    internal static void AddMethods(ServiceMethodProviderContext<ProviderService> context, GRPCStdioBase service) =>
        context.AddServerStreamingMethod(__Method_StreamStdio, [], (_, r, w, c) => service.StreamStdio(r, w, c));
}

/// <summary>go-plugin's broker RPC with its exact types, for <see cref="ServiceMethods{TService}"/>.</summary>
internal static partial class GRPCBroker
{
    internal static void AddMethods(ServiceMethodProviderContext<ProviderService> context, GRPCBrokerBase service) =>
        context.AddDuplexStreamingMethod(__Method_StartStream, [], (_, r, w, c) => service.StartStream(r, w, c));
}
