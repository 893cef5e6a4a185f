using Microsoft.Extensions.Hosting;

namespace Immutable.Sdk.Hosting;

/// <summary>
/// A host lifetime that does not listen to the console. Terraform sends SIGINT to the whole process
/// group on Ctrl-C; a provider must keep running and let Terraform cancel through StopProvider,
/// then shut it down through GRPCController.
/// </summary>
internal sealed class PluginLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
