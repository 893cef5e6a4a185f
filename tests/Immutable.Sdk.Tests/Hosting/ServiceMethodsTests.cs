using Grpc.AspNetCore.Server;
using Grpc.Core;
using Grpc.Health.V1;
using Immutable.Cty;
using Immutable.Sdk.Framework;
using Immutable.Sdk.Hosting;
using Immutable.Sdk.Plugin.GoPlugin;
using Microsoft.Extensions.Logging;
using V6 = Immutable.Sdk.Protocol.V6;

namespace Immutable.Sdk.Tests.Hosting;

public sealed class ServiceMethodsTests
{
    private sealed class EmptyProvider : ProviderDefinition
    {
        public override string TypeName => "test";

        public override ObjectSchema ConfigSchema { get; } = new([]);

        public override IReadOnlyList<IResourceDefinition> Resources { get; } = [];

        public override Task<object?> ConfigureAsync(CtyValue config, ResourceContext context) => Task.FromResult<object?>(null);
    }

    [Fact]
    public async Task Every_rpc_the_protos_declare_is_mapped_with_its_kind()
    {
        var options = new PluginServerOptions { ProviderAddress = "registry.terraform.io/test/test", Provider = new EmptyProvider() };
        var address = new PluginAddress("unix", Path.Combine(Path.GetTempPath(), "not-bound.sock"), null);
        await using var server = PluginServer.Build(options, address, null, new PluginRunMode(false), Stream.Null, LogLevel.None);

        var mapped = server.Endpoints
            .Select(e => e.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method)
            .OfType<IMethod>()
            .Select(m => $"{m.FullName} {m.Type}");
        var declared = new[] { V6.Provider.Descriptor, GRPCController.Descriptor, GRPCStdio.Descriptor, GRPCBroker.Descriptor, Health.Descriptor }
            .SelectMany(s => s.Methods)
            .Select(m => $"/{m.Service.FullName}/{m.Name} {Kind(m)}");

        Assert.Equal(declared.Order(StringComparer.Ordinal), mapped.Order(StringComparer.Ordinal));
    }

    private static MethodType Kind(Google.Protobuf.Reflection.MethodDescriptor method) => (method.IsClientStreaming, method.IsServerStreaming) switch
    {
        (false, false) => MethodType.Unary,
        (false, true) => MethodType.ServerStreaming,
        (true, false) => MethodType.ClientStreaming,
        _ => MethodType.DuplexStreaming,
    };
}
