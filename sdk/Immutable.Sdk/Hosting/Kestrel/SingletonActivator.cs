using System.Diagnostics.CodeAnalysis;
using Grpc.AspNetCore.Server;

namespace Immutable.Sdk.Hosting.Kestrel;

/// <summary>
/// Hands Grpc.AspNetCore the one service instance for every call, instead of its default activator,
/// an open generic the container would close and reflect over at run time.
/// </summary>
internal sealed class SingletonActivator<[DynamicallyAccessedMembers(ServiceMethods.Access)] TService>(TService instance) : IGrpcServiceActivator<TService>
    where TService : class
{
    public GrpcActivatorHandle<TService> Create(IServiceProvider serviceProvider) => new(instance, created: false, state: null);

    public ValueTask ReleaseAsync(GrpcActivatorHandle<TService> service) => ValueTask.CompletedTask;
}
