using System.Diagnostics.CodeAnalysis;
using Grpc.AspNetCore.Server.Model;

namespace Immutable.Sdk.Hosting;

/// <summary>
/// Hands Grpc.AspNetCore a service's methods with their exact types. Its default binder, like the
/// generated <c>BindService(ServiceBinderBase, ...)</c>, registers each RPC through a generic
/// virtual method, which NativeAOT can only instantiate at run time from templates: about a third
/// of the provider's start-up CPU time. Calls made with exact types are compiled ahead of time.
/// </summary>
internal sealed class ServiceMethods<[DynamicallyAccessedMembers(ServiceMethods.Access)] TService>(Action<ServiceMethodProviderContext<TService>> add) : IServiceMethodProvider<TService>
    where TService : class
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context) => add(context);
}

/// <summary>Shared by <see cref="ServiceMethods{TService}"/> users.</summary>
internal static class ServiceMethods
{
    /// <summary>The members Grpc.AspNetCore's generic service types require of a service type.</summary>
    public const DynamicallyAccessedMemberTypes Access =
        DynamicallyAccessedMemberTypes.PublicConstructors | DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.NonPublicMethods;
}
