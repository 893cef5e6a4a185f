using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Immutable.Sdk.Testing;

namespace Immutable.Provider.Tests;

/// <summary>
/// RPCs the provider does not serve get gRPC's UNIMPLEMENTED status, as grpc-go answers them (the
/// plugin host dispatches by path itself, without ASP.NET Core routing).
/// </summary>
public sealed class UnknownRpcTests
{
    private static readonly Marshaller<Empty> EmptyMarshaller = Marshallers.Create(m => m.ToByteArray(), Empty.Parser.ParseFrom);

    [Theory]
    [InlineData("tfplugin6.Provider", "NoSuchMethod", "Method is unimplemented.")]
    [InlineData("example.NoSuchService", "Anything", "Service is unimplemented.")]
    public async Task Unknown_methods_and_services_answer_unimplemented(string service, string method, string detail)
    {
        await using var provider = await ProviderProcess.StartAsync(new ProviderLaunchOptions { Executable = PublishedBinaries.Provider, Tls = false });
        using var channel = ProviderProcess.CreateChannel(provider.Handshake, null);
        var call = new Method<Empty, Empty>(MethodType.Unary, service, method, EmptyMarshaller, EmptyMarshaller);

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await channel.CreateCallInvoker().AsyncUnaryCall(call, null, default, new Empty()));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
        Assert.Equal(detail, error.Status.Detail);
        var schema = await provider.Provider.GetProviderSchemaAsync(new Immutable.Sdk.Protocol.V6.GetProviderSchema.Types.Request());
        Assert.Empty(schema.Diagnostics);
    }
}
