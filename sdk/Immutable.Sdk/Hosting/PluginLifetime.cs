namespace Immutable.Sdk.Hosting;

/// <summary>
/// When the plugin stops. Terraform sends SIGINT to the whole process group on Ctrl-C; a provider
/// must keep running and let Terraform cancel through StopProvider, then shut it down through
/// GRPCController: that (or SIGTERM) is what calls <see cref="Stop"/>.
/// </summary>
internal sealed class PluginLifetime
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _stopRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Fires when the plugin starts to stop: open streams end so the server can stop.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>Completes when something asked the plugin to stop.</summary>
    public Task StopRequested => _stopRequested.Task;

    /// <summary>Asks the plugin to stop; later calls do nothing.</summary>
    public void Stop()
    {
        if (_stopRequested.TrySetResult())
        {
            _stopping.Cancel();
        }
    }
}
