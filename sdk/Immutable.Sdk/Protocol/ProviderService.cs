using Grpc.Core;
using Immutable.Cty;
using Immutable.Sdk.Framework;
using Immutable.Sdk.Protocol.V6;
using Microsoft.Extensions.Logging;

namespace Immutable.Sdk.Protocol;

/// <summary>
/// The tfplugin6 <c>Provider</c> service: translates each RPC into framework calls. Nothing here
/// throws to gRPC: bad input and provider failures come back as diagnostics, as Terraform expects.
/// </summary>
internal sealed partial class ProviderService : V6.Provider.ProviderBase, IDisposable
{
    private readonly ProviderDefinition _provider;
    private readonly ILogger<ProviderService> _logger;
    private readonly Dictionary<string, IResourceDefinition> _resources;
    private readonly StopSignal _stop = new();
    private volatile object? _providerData;

    /// <summary>Creates the service for one provider.</summary>
    public ProviderService(ProviderDefinition provider, ILogger<ProviderService> logger)
    {
        _provider = provider;
        _logger = logger;
        _resources = provider.Resources.ToDictionary(r => r.TypeName, StringComparer.Ordinal);
    }

    private static ServerCapabilities Capabilities => new() { PlanDestroy = true, GetProviderSchemaOptional = true };

    /// <inheritdoc />
    public override Task<GetMetadata.Types.Response> GetMetadata(GetMetadata.Types.Request request, ServerCallContext context)
    {
        var response = new GetMetadata.Types.Response { ServerCapabilities = Capabilities };
        response.Resources.AddRange(_resources.Keys.Select(name => new GetMetadata.Types.ResourceMetadata { TypeName = name }));
        return Task.FromResult(response);
    }

    /// <inheritdoc />
    public override Task<GetProviderSchema.Types.Response> GetProviderSchema(GetProviderSchema.Types.Request request, ServerCallContext context)
    {
        var response = new GetProviderSchema.Types.Response
        {
            Provider = SchemaMapping.ToProto(_provider.ConfigSchema, 0),
            ServerCapabilities = Capabilities,
        };
        foreach (var resource in _resources.Values)
        {
            response.ResourceSchemas[resource.TypeName] = SchemaMapping.ToProto(resource.Schema, resource.SchemaVersion);
        }

        return Task.FromResult(response);
    }

    /// <inheritdoc />
    public override Task<ValidateProviderConfig.Types.Response> ValidateProviderConfig(ValidateProviderConfig.Types.Request request, ServerCallContext context)
    {
        var response = new ValidateProviderConfig.Types.Response();
        response.Diagnostics.AddRange(Run(context, () =>
        {
            return _provider.ValidateConfig(RequestDecoder.Config(request.Config, _provider.ConfigSchema.Type));
        }));
        return Task.FromResult(response);
    }

    /// <inheritdoc />
    public override async Task<ConfigureProvider.Types.Response> ConfigureProvider(ConfigureProvider.Types.Request request, ServerCallContext context)
    {
        var response = new ConfigureProvider.Types.Response();
        _logger.LogDebug("Configuring provider for Terraform {TerraformVersion}", request.TerraformVersion);
        response.Diagnostics.AddRange(await RunAsync(context, async (diagnostics, resourceContext) =>
        {
            _providerData = await _provider.ConfigureAsync(RequestDecoder.Config(request.Config, _provider.ConfigSchema.Type), resourceContext).ConfigureAwait(false);
            diagnostics.AddRange(resourceContext.Warnings);
        }).ConfigureAwait(false));
        return response;
    }

    /// <inheritdoc />
    public override async Task<ValidateResourceConfig.Types.Response> ValidateResourceConfig(ValidateResourceConfig.Types.Request request, ServerCallContext context)
    {
        var response = new ValidateResourceConfig.Types.Response();
        response.Diagnostics.AddRange(await RunAsync(context, async (diagnostics, resourceContext) =>
        {
            var resource = Resource(request.TypeName);
            diagnostics.AddRange(await resource.ValidateAsync(RequestDecoder.Config(request.Config, resource.Schema.Type), resourceContext).ConfigureAwait(false));
        }).ConfigureAwait(false));
        return response;
    }

    /// <inheritdoc />
    public override async Task<UpgradeResourceState.Types.Response> UpgradeResourceState(UpgradeResourceState.Types.Request request, ServerCallContext context)
    {
        var response = new UpgradeResourceState.Types.Response();
        response.Diagnostics.AddRange(await RunAsync(context, (diagnostics, resourceContext) =>
        {
            var resource = Resource(request.TypeName);
            if (request.RawState is null || request.RawState.Json.IsEmpty)
            {
                diagnostics.AddError("Unsupported state format",
                    "The stored state has no JSON form (legacy flatmap state is from SDKv2 providers and cannot be read by this provider).");
                return Task.CompletedTask;
            }

            var result = resource.UpgradeState(request.Version, request.RawState.Json.Memory);
            diagnostics.AddRange(result.Diagnostics);
            if (!result.Diagnostics.HasErrors)
            {
                response.UpgradedState = WireMapping.Encode(result.State, resource.Schema.Type);
            }

            return Task.CompletedTask;
        }).ConfigureAwait(false));
        return response;
    }

    /// <inheritdoc />
    public override async Task<ReadResource.Types.Response> ReadResource(ReadResource.Types.Request request, ServerCallContext context)
    {
        var response = new ReadResource.Types.Response { Private = request.Private };
        response.Diagnostics.AddRange(await RunAsync(context, async (diagnostics, resourceContext) =>
        {
            var resource = Resource(request.TypeName);
            var current = RequestDecoder.State(request.CurrentState, resource.Schema.Type, "current_state");
            if (current is null)
            {
                response.NewState = WireMapping.Encode(null, resource.Schema.Type);
                return;
            }

            var result = await resource.ReadAsync(current, resourceContext).ConfigureAwait(false);
            diagnostics.AddRange(result.Diagnostics);
            response.NewState = WireMapping.Encode(result.State, resource.Schema.Type);
        }).ConfigureAwait(false));
        return response;
    }

    /// <inheritdoc />
    public override async Task<PlanResourceChange.Types.Response> PlanResourceChange(PlanResourceChange.Types.Request request, ServerCallContext context)
    {
        var response = new PlanResourceChange.Types.Response();
        response.Diagnostics.AddRange(await RunAsync(context, async (diagnostics, resourceContext) =>
        {
            var resource = Resource(request.TypeName);
            var type = resource.Schema.Type;
            var plan = await resource.PlanAsync(RequestDecoder.Plan(request, type), resourceContext).ConfigureAwait(false);
            diagnostics.AddRange(plan.Diagnostics);
            if (plan.Diagnostics.HasErrors)
            {
                return;
            }

            response.PlannedState = WireMapping.Encode(plan.Planned, type);
            response.RequiresReplace.AddRange(plan.RequiresReplace.Select(WireMapping.ToProto));
            response.PlannedPrivate = plan.PlannedPrivate.IsEmpty ? request.PriorPrivate : Google.Protobuf.ByteString.CopyFrom(plan.PlannedPrivate.Span);
        }).ConfigureAwait(false));
        return response;
    }

    /// <inheritdoc />
    public override async Task<ApplyResourceChange.Types.Response> ApplyResourceChange(ApplyResourceChange.Types.Request request, ServerCallContext context)
    {
        var response = new ApplyResourceChange.Types.Response();
        response.Diagnostics.AddRange(await RunAsync(context, async (diagnostics, resourceContext) =>
        {
            var resource = Resource(request.TypeName);
            var type = resource.Schema.Type;
            var apply = RequestDecoder.Apply(request, type);

            // Until the resource answers, the honest new state is the prior one.
            response.NewState = WireMapping.Encode(apply.Prior, type);
            var result = await resource.ApplyAsync(apply, resourceContext).ConfigureAwait(false);
            diagnostics.AddRange(result.Diagnostics);
            response.NewState = WireMapping.Encode(result.NewState, type);
            response.Private = result.Private.IsEmpty ? request.PlannedPrivate : Google.Protobuf.ByteString.CopyFrom(result.Private.Span);
        }).ConfigureAwait(false));
        return response;
    }

    /// <inheritdoc />
    public override async Task<ImportResourceState.Types.Response> ImportResourceState(ImportResourceState.Types.Request request, ServerCallContext context)
    {
        var response = new ImportResourceState.Types.Response();
        response.Diagnostics.AddRange(await RunAsync(context, async (diagnostics, resourceContext) =>
        {
            var resource = Resource(request.TypeName);
            var result = await resource.ImportAsync(request.Id, resourceContext).ConfigureAwait(false);
            diagnostics.AddRange(result.Diagnostics);
            if (result.State is not null && !result.Diagnostics.HasErrors)
            {
                response.ImportedResources.Add(new ImportResourceState.Types.ImportedResource
                {
                    TypeName = resource.TypeName,
                    State = WireMapping.Encode(result.State, resource.Schema.Type),
                });
            }
        }).ConfigureAwait(false));
        return response;
    }

    /// <inheritdoc />
    public override Task<StopProvider.Types.Response> StopProvider(StopProvider.Types.Request request, ServerCallContext context)
    {
        _logger.LogInformation("StopProvider: cancelling in-flight operations");
        _stop.Stop();
        return Task.FromResult(new StopProvider.Types.Response());
    }

    /// <inheritdoc />
    public void Dispose() => _stop.Dispose();

    private IResourceDefinition Resource(string typeName) =>
        _resources.TryGetValue(typeName, out var resource)
            ? resource
            : throw new DiagnosticException(Framework.Diagnostic.Error(
                "Resource Type Not Found",
                $"No resource type named \"{typeName}\" was found in the provider \"{_provider.TypeName}\". It serves: {string.Join(", ", _resources.Keys.Order(StringComparer.Ordinal))}."));

    private IEnumerable<V6.Diagnostic> Run(ServerCallContext call, Func<Diagnostics> action) =>
        RunAsync(call, (diagnostics, _) =>
        {
            diagnostics.AddRange(action());
            return Task.CompletedTask;
        }).GetAwaiter().GetResult();

    /// <summary>
    /// Runs one RPC's work with a context cancelled by StopProvider or by the caller going away;
    /// every failure becomes a diagnostic (<see cref="DiagnosticGuard"/>), never a gRPC error or a crash.
    /// </summary>
    private async Task<IEnumerable<V6.Diagnostic>> RunAsync(ServerCallContext call, Func<Diagnostics, ResourceContext, Task> action)
    {
        var diagnostics = new Diagnostics();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, call.CancellationToken);
        var context = new ResourceContext(_providerData, _logger, cancellation.Token);
        await DiagnosticGuard.RunAsync(diagnostics, _logger, () => action(diagnostics, context)).ConfigureAwait(false);
        return WireMapping.ToProto(diagnostics);
    }
}
