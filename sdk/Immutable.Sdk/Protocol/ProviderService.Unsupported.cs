using Grpc.Core;
using Immutable.Sdk.Protocol.V6;

namespace Immutable.Sdk.Protocol;

/// <summary>
/// The protocol features this SDK does not offer (data sources, ephemeral resources, list resources,
/// functions, state stores, actions, identities, moves). Terraform only calls them for types the
/// provider announced, so each answers the way terraform-plugin-go does for an unknown type: an
/// error diagnostic naming what was asked for, never a crash or an RPC failure.
/// </summary>
internal sealed partial class ProviderService
{
    private V6.Diagnostic NoSuch(string kind, string name) => WireMapping.Error(
        System.Globalization.CultureInfo.InvariantCulture.TextInfo.ToTitleCase(kind) + " Not Found",
        $"No {kind} named \"{name}\" was found in the provider \"{_provider.TypeName}\".");

    /// <inheritdoc />
    public override Task<ValidateDataResourceConfig.Types.Response> ValidateDataResourceConfig(ValidateDataResourceConfig.Types.Request request, ServerCallContext context) =>
        Task.FromResult(new ValidateDataResourceConfig.Types.Response { Diagnostics = { NoSuch("data source type", request.TypeName) } });

    /// <inheritdoc />
    public override Task<ReadDataSource.Types.Response> ReadDataSource(ReadDataSource.Types.Request request, ServerCallContext context) =>
        Task.FromResult(new ReadDataSource.Types.Response { Diagnostics = { NoSuch("data source type", request.TypeName) } });

    /// <inheritdoc />
    public override Task<GetResourceIdentitySchemas.Types.Response> GetResourceIdentitySchemas(GetResourceIdentitySchemas.Types.Request request, ServerCallContext context) =>
        Task.FromResult(new GetResourceIdentitySchemas.Types.Response());

    /// <inheritdoc />
    public override Task<UpgradeResourceIdentity.Types.Response> UpgradeResourceIdentity(UpgradeResourceIdentity.Types.Request request, ServerCallContext context) =>
        Task.FromResult(new UpgradeResourceIdentity.Types.Response { Diagnostics = { NoSuch("resource identity schema", request.TypeName) } });

    /// <inheritdoc />
    public override Task<MoveResourceState.Types.Response> MoveResourceState(MoveResourceState.Types.Request request, ServerCallContext context) =>
        Task.FromResult(new MoveResourceState.Types.Response
        {
            Diagnostics =
            {
                WireMapping.Error("Unsupported resource move",
                    $"{request.TargetTypeName} cannot be the target of a moved block from {request.SourceProviderAddress} {request.SourceTypeName}: " +
                    "replace-only resources are recreated, not moved."),
            },
        });

    /// <inheritdoc />
    public override Task<GenerateResourceConfig.Types.Response> GenerateResourceConfig(GenerateResourceConfig.Types.Request request, ServerCallContext context) =>
        Task.FromResult(new GenerateResourceConfig.Types.Response
        {
            Diagnostics = { WireMapping.Error("Unsupported config generation", $"The provider does not generate configuration for {request.TypeName}.") },
        });

    /// <inheritdoc />
    public override Task<ValidateEphemeralResourceConfig.Types.Response> ValidateEphemeralResourceConfig(ValidateEphemeralResourceConfig.Types.Request request, ServerCallContext context) =>
        Task.FromResult(new ValidateEphemeralResourceConfig.Types.Response { Diagnostics = { NoSuch("ephemeral resource type", request.TypeName) } });

    /// <inheritdoc />
    public override Task<OpenEphemeralResource.Types.Response> OpenEphemeralResource(OpenEphemeralResource.Types.Request request, ServerCallContext context) =>
        Task.FromResult(new OpenEphemeralResource.Types.Response { Diagnostics = { NoSuch("ephemeral resource type", request.TypeName) } });

    /// <inheritdoc />
    public override Task<RenewEphemeralResource.Types.Response> RenewEphemeralResource(RenewEphemeralResource.Types.Request request, ServerCallContext context) =>
        Task.FromResult(new RenewEphemeralResource.Types.Response { Diagnostics = { NoSuch("ephemeral resource type", request.TypeName) } });

    /// <inheritdoc />
    public override Task<CloseEphemeralResource.Types.Response> CloseEphemeralResource(CloseEphemeralResource.Types.Request request, ServerCallContext context) =>
        Task.FromResult(new CloseEphemeralResource.Types.Response { Diagnostics = { NoSuch("ephemeral resource type", request.TypeName) } });

    /// <inheritdoc />
    public override Task ListResource(ListResource.Types.Request request, IServerStreamWriter<ListResource.Types.Event> responseStream, ServerCallContext context) =>
        responseStream.WriteAsync(new ListResource.Types.Event { Diagnostic = { NoSuch("list resource type", request.TypeName) } });

    /// <inheritdoc />
    public override Task<ValidateListResourceConfig.Types.Response> ValidateListResourceConfig(ValidateListResourceConfig.Types.Request request, ServerCallContext context) =>
        Task.FromResult(new ValidateListResourceConfig.Types.Response { Diagnostics = { NoSuch("list resource type", request.TypeName) } });

    /// <inheritdoc />
    public override Task<GetFunctions.Types.Response> GetFunctions(GetFunctions.Types.Request request, ServerCallContext context) =>
        Task.FromResult(new GetFunctions.Types.Response());

    /// <inheritdoc />
    public override Task<CallFunction.Types.Response> CallFunction(CallFunction.Types.Request request, ServerCallContext context) =>
        Task.FromResult(new CallFunction.Types.Response
        {
            Error = new FunctionError { Text = $"The provider \"{_provider.TypeName}\" has no function \"{request.Name}\"." },
        });

    /// <inheritdoc />
    public override Task<ValidateStateStore.Types.Response> ValidateStateStoreConfig(ValidateStateStore.Types.Request request, ServerCallContext context) =>
        Task.FromResult(new ValidateStateStore.Types.Response { Diagnostics = { NoSuch("state store", request.TypeName) } });

    /// <inheritdoc />
    public override Task<ConfigureStateStore.Types.Response> ConfigureStateStore(ConfigureStateStore.Types.Request request, ServerCallContext context) =>
        Task.FromResult(new ConfigureStateStore.Types.Response { Diagnostics = { NoSuch("state store", request.TypeName) } });

    /// <inheritdoc />
    public override Task ReadStateBytes(ReadStateBytes.Types.Request request, IServerStreamWriter<ReadStateBytes.Types.Response> responseStream, ServerCallContext context) =>
        responseStream.WriteAsync(new ReadStateBytes.Types.Response { Diagnostics = { NoSuch("state store", request.TypeName) } });

    /// <inheritdoc />
    public override async Task<WriteStateBytes.Types.Response> WriteStateBytes(IAsyncStreamReader<WriteStateBytes.Types.RequestChunk> requestStream, ServerCallContext context)
    {
        var typeName = string.Empty;
        while (await requestStream.MoveNext(context.CancellationToken).ConfigureAwait(false))
        {
            typeName = requestStream.Current.Meta?.TypeName is { Length: > 0 } name ? name : typeName;
        }

        return new WriteStateBytes.Types.Response { Diagnostics = { NoSuch("state store", typeName) } };
    }

    /// <inheritdoc />
    public override Task<LockState.Types.Response> LockState(LockState.Types.Request request, ServerCallContext context) =>
        Task.FromResult(new LockState.Types.Response { Diagnostics = { NoSuch("state store", request.TypeName) } });

    /// <inheritdoc />
    public override Task<UnlockState.Types.Response> UnlockState(UnlockState.Types.Request request, ServerCallContext context) =>
        Task.FromResult(new UnlockState.Types.Response { Diagnostics = { NoSuch("state store", request.TypeName) } });

    /// <inheritdoc />
    public override Task<GetStates.Types.Response> GetStates(GetStates.Types.Request request, ServerCallContext context) =>
        Task.FromResult(new GetStates.Types.Response { Diagnostics = { NoSuch("state store", request.TypeName) } });

    /// <inheritdoc />
    public override Task<DeleteState.Types.Response> DeleteState(DeleteState.Types.Request request, ServerCallContext context) =>
        Task.FromResult(new DeleteState.Types.Response { Diagnostics = { NoSuch("state store", request.TypeName) } });

    /// <inheritdoc />
    public override Task<PlanAction.Types.Response> PlanAction(PlanAction.Types.Request request, ServerCallContext context) =>
        Task.FromResult(new PlanAction.Types.Response { Diagnostics = { NoSuch("action type", request.ActionType) } });

    /// <inheritdoc />
    public override Task InvokeAction(InvokeAction.Types.Request request, IServerStreamWriter<InvokeAction.Types.Event> responseStream, ServerCallContext context) =>
        responseStream.WriteAsync(new InvokeAction.Types.Event
        {
            Completed = new InvokeAction.Types.Event.Types.Completed { Diagnostics = { NoSuch("action type", request.ActionType) } },
        });

    /// <inheritdoc />
    public override Task<ValidateActionConfig.Types.Response> ValidateActionConfig(ValidateActionConfig.Types.Request request, ServerCallContext context) =>
        Task.FromResult(new ValidateActionConfig.Types.Response { Diagnostics = { NoSuch("action type", request.TypeName) } });
}
