using Google.Protobuf;
using Immutable.Cty;
using Immutable.Sdk.Protocol;
using Immutable.Sdk.Testing;
using V6 = Immutable.Sdk.Protocol.V6;

namespace Immutable.Provider.Tests;

/// <summary>Protocol 6 answers of the published provider, including its answers to bad input.</summary>
public sealed class ProtocolTests : IAsyncLifetime
{
    private ProviderProcess _provider = null!;

    public async Task InitializeAsync() =>
        _provider = await ProviderProcess.StartAsync(new ProviderLaunchOptions { Executable = PublishedBinaries.Provider });

    public async Task DisposeAsync() => await _provider.DisposeAsync();

    [Fact]
    public async Task Schema_describes_the_provider_block_and_declares_capabilities()
    {
        var schema = await _provider.Provider.GetProviderSchemaAsync(new V6.GetProviderSchema.Types.Request());
        Assert.Empty(schema.Diagnostics);
        var host = Assert.Single(schema.Provider.Block.Attributes, a => a.Name == "host");
        Assert.True(host.Optional);
        Assert.Equal("\"string\"", host.Type.ToStringUtf8());
        Assert.Contains("DOCKER_HOST", host.Description, StringComparison.Ordinal);
        Assert.True(schema.ServerCapabilities.PlanDestroy);
        Assert.True(schema.ServerCapabilities.GetProviderSchemaOptional);
    }

    [Fact]
    public async Task An_unknown_resource_type_is_a_diagnostic_not_a_crash()
    {
        var response = await _provider.Provider.PlanResourceChangeAsync(new V6.PlanResourceChange.Types.Request
        {
            TypeName = "immutable_nonsense",
            Config = WireMapping.Encode(null, CtyType.EmptyObject),
        });
        var diagnostic = Assert.Single(response.Diagnostics);
        Assert.Equal(V6.Diagnostic.Types.Severity.Error, diagnostic.Severity);
        Assert.Equal("Resource Type Not Found", diagnostic.Summary);
        Assert.Contains("immutable_nonsense", diagnostic.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("c1")] // a reserved msgpack byte
    [InlineData("82a4686f7374")] // a map that promises two entries and ends
    [InlineData("81a3626164a3626164")] // an attribute the schema does not have
    [InlineData("92c0c0")] // an array where an object belongs
    public async Task Malformed_msgpack_is_a_diagnostic_and_the_provider_keeps_serving(string hex)
    {
        var response = await _provider.Provider.ValidateProviderConfigAsync(new V6.ValidateProviderConfig.Types.Request
        {
            Config = new V6.DynamicValue { Msgpack = ByteString.CopyFrom(Convert.FromHexString(hex)) },
        });
        var diagnostic = Assert.Single(response.Diagnostics);
        Assert.Equal(V6.Diagnostic.Types.Severity.Error, diagnostic.Severity);
        Assert.Equal("Invalid value from Terraform", diagnostic.Summary);

        var schema = await _provider.Provider.GetProviderSchemaAsync(new V6.GetProviderSchema.Types.Request());
        Assert.Empty(schema.Diagnostics);
    }

    private async Task<(CtyType Type, CtyValue Config)> ProviderBlockAsync(CtyValue host)
    {
        var schema = await _provider.Provider.GetProviderSchemaAsync(new V6.GetProviderSchema.Types.Request());
        var block = WireSchema.Read(schema.Provider, new List<string>(), "provider");
        var config = CtyValue.Object(block.Attributes.ToDictionary(a => a.Name, a => a.Name == "host" ? host : CtyValue.Null(a.Type)));
        return (block.Type, config);
    }

    [Fact]
    public async Task A_bad_docker_host_is_an_error_on_the_host_attribute() =>
        await AssertBadHostDiagnosticAsync("not a url");

    [Fact]
    public async Task A_64_MiB_request_crosses_the_tls_channel_and_is_answered()
    {
        // Far above gRPC's 4 MiB default and thousands of TLS records: the message limit and the TLS layer both carry it.
        await AssertBadHostDiagnosticAsync("not a url " + new string('x', 64 * 1024 * 1024));
        var schema = await _provider.Provider.GetProviderSchemaAsync(new V6.GetProviderSchema.Types.Request());
        Assert.Empty(schema.Diagnostics);
    }

    private async Task AssertBadHostDiagnosticAsync(string host)
    {
        var (type, config) = await ProviderBlockAsync(CtyValue.String(host));
        var response = await _provider.Provider.ConfigureProviderAsync(new V6.ConfigureProvider.Types.Request
        {
            TerraformVersion = "1.14.0",
            Config = WireMapping.Encode(config, type),
        });
        var diagnostic = Assert.Single(response.Diagnostics);
        Assert.Equal("Invalid Docker host", diagnostic.Summary);
        Assert.Equal("host", diagnostic.Attribute.Steps.Single().AttributeName);
    }

    [Fact]
    public async Task A_terraform_1_0_client_without_capabilities_can_validate_and_configure()
    {
        var (type, value) = await ProviderBlockAsync(CtyValue.Null(CtyType.String));
        var config = WireMapping.Encode(value, type);
        var validated = await _provider.Provider.ValidateProviderConfigAsync(new V6.ValidateProviderConfig.Types.Request { Config = config });
        Assert.Empty(validated.Diagnostics);
        var configured = await _provider.Provider.ConfigureProviderAsync(new V6.ConfigureProvider.Types.Request { TerraformVersion = "1.0.0", Config = config });
        Assert.Empty(configured.Diagnostics);
    }

    [Fact]
    public async Task Features_it_does_not_offer_answer_with_diagnostics_or_empty_results()
    {
        var client = _provider.Provider;
        Assert.Empty((await client.GetResourceIdentitySchemasAsync(new V6.GetResourceIdentitySchemas.Types.Request())).IdentitySchemas);
        Assert.Empty((await client.GetFunctionsAsync(new V6.GetFunctions.Types.Request())).Functions);
        Assert.NotEmpty((await client.ValidateDataResourceConfigAsync(new V6.ValidateDataResourceConfig.Types.Request { TypeName = "immutable_x" })).Diagnostics);
        Assert.NotEmpty((await client.ReadDataSourceAsync(new V6.ReadDataSource.Types.Request { TypeName = "immutable_x" })).Diagnostics);
        Assert.NotEmpty((await client.MoveResourceStateAsync(new V6.MoveResourceState.Types.Request { TargetTypeName = "immutable_x" })).Diagnostics);
        Assert.NotEmpty((await client.OpenEphemeralResourceAsync(new V6.OpenEphemeralResource.Types.Request { TypeName = "immutable_x" })).Diagnostics);
        Assert.NotEmpty((await client.CallFunctionAsync(new V6.CallFunction.Types.Request { Name = "f" })).Error.Text);
        Assert.NotEmpty((await client.PlanActionAsync(new V6.PlanAction.Types.Request { ActionType = "immutable_x" })).Diagnostics);
        using var list = client.ListResource(new V6.ListResource.Types.Request { TypeName = "immutable_x" });
        Assert.True(await list.ResponseStream.MoveNext(CancellationToken.None));
        Assert.NotEmpty(list.ResponseStream.Current.Diagnostic);
        var metadata = await client.GetMetadataAsync(new V6.GetMetadata.Types.Request());
        Assert.True(metadata.ServerCapabilities.PlanDestroy);
    }
}
