using Grpc.AspNetCore.Server.Model;

namespace Immutable.Sdk.Protocol.V6;

/// <summary>The tfplugin6 RPCs with their exact types, for <see cref="Hosting.ServiceMethods{TService}"/>.</summary>
internal static partial class Provider
{
    /// <summary>
    /// Registers every RPC of the service: one line per <c>rpc</c> in tfplugin6.proto (a new one
    /// goes here too; ServiceMethodsTests fails until it does).
    /// </summary>
    internal static void AddMethods(ServiceMethodProviderContext<ProviderService> context)
    {
        context.AddUnaryMethod(__Method_GetMetadata, [], (s, r, c) => s.GetMetadata(r, c));
        context.AddUnaryMethod(__Method_GetProviderSchema, [], (s, r, c) => s.GetProviderSchema(r, c));
        context.AddUnaryMethod(__Method_ValidateProviderConfig, [], (s, r, c) => s.ValidateProviderConfig(r, c));
        context.AddUnaryMethod(__Method_ValidateResourceConfig, [], (s, r, c) => s.ValidateResourceConfig(r, c));
        context.AddUnaryMethod(__Method_ValidateDataResourceConfig, [], (s, r, c) => s.ValidateDataResourceConfig(r, c));
        context.AddUnaryMethod(__Method_UpgradeResourceState, [], (s, r, c) => s.UpgradeResourceState(r, c));
        context.AddUnaryMethod(__Method_GetResourceIdentitySchemas, [], (s, r, c) => s.GetResourceIdentitySchemas(r, c));
        context.AddUnaryMethod(__Method_UpgradeResourceIdentity, [], (s, r, c) => s.UpgradeResourceIdentity(r, c));
        context.AddUnaryMethod(__Method_ConfigureProvider, [], (s, r, c) => s.ConfigureProvider(r, c));
        context.AddUnaryMethod(__Method_ReadResource, [], (s, r, c) => s.ReadResource(r, c));
        context.AddUnaryMethod(__Method_PlanResourceChange, [], (s, r, c) => s.PlanResourceChange(r, c));
        context.AddUnaryMethod(__Method_ApplyResourceChange, [], (s, r, c) => s.ApplyResourceChange(r, c));
        context.AddUnaryMethod(__Method_ImportResourceState, [], (s, r, c) => s.ImportResourceState(r, c));
        context.AddUnaryMethod(__Method_MoveResourceState, [], (s, r, c) => s.MoveResourceState(r, c));
        context.AddUnaryMethod(__Method_ReadDataSource, [], (s, r, c) => s.ReadDataSource(r, c));
        context.AddUnaryMethod(__Method_GenerateResourceConfig, [], (s, r, c) => s.GenerateResourceConfig(r, c));
        context.AddUnaryMethod(__Method_ValidateEphemeralResourceConfig, [], (s, r, c) => s.ValidateEphemeralResourceConfig(r, c));
        context.AddUnaryMethod(__Method_OpenEphemeralResource, [], (s, r, c) => s.OpenEphemeralResource(r, c));
        context.AddUnaryMethod(__Method_RenewEphemeralResource, [], (s, r, c) => s.RenewEphemeralResource(r, c));
        context.AddUnaryMethod(__Method_CloseEphemeralResource, [], (s, r, c) => s.CloseEphemeralResource(r, c));
        context.AddServerStreamingMethod(__Method_ListResource, [], (s, r, w, c) => s.ListResource(r, w, c));
        context.AddUnaryMethod(__Method_ValidateListResourceConfig, [], (s, r, c) => s.ValidateListResourceConfig(r, c));
        context.AddUnaryMethod(__Method_GetFunctions, [], (s, r, c) => s.GetFunctions(r, c));
        context.AddUnaryMethod(__Method_CallFunction, [], (s, r, c) => s.CallFunction(r, c));
        context.AddUnaryMethod(__Method_ValidateStateStoreConfig, [], (s, r, c) => s.ValidateStateStoreConfig(r, c));
        context.AddUnaryMethod(__Method_ConfigureStateStore, [], (s, r, c) => s.ConfigureStateStore(r, c));
        context.AddServerStreamingMethod(__Method_ReadStateBytes, [], (s, r, w, c) => s.ReadStateBytes(r, w, c));
        context.AddClientStreamingMethod(__Method_WriteStateBytes, [], (s, r, c) => s.WriteStateBytes(r, c));
        context.AddUnaryMethod(__Method_LockState, [], (s, r, c) => s.LockState(r, c));
        context.AddUnaryMethod(__Method_UnlockState, [], (s, r, c) => s.UnlockState(r, c));
        context.AddUnaryMethod(__Method_GetStates, [], (s, r, c) => s.GetStates(r, c));
        context.AddUnaryMethod(__Method_DeleteState, [], (s, r, c) => s.DeleteState(r, c));
        context.AddUnaryMethod(__Method_PlanAction, [], (s, r, c) => s.PlanAction(r, c));
        context.AddServerStreamingMethod(__Method_InvokeAction, [], (s, r, w, c) => s.InvokeAction(r, w, c));
        context.AddUnaryMethod(__Method_ValidateActionConfig, [], (s, r, c) => s.ValidateActionConfig(r, c));
        context.AddUnaryMethod(__Method_StopProvider, [], (s, r, c) => s.StopProvider(r, c));
    }
}
