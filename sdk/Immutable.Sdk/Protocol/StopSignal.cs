namespace Immutable.Sdk.Protocol;

/// <summary>
/// Terraform's StopProvider (sent on Ctrl-C) cancels everything in flight; requests that arrive
/// afterwards get a fresh token, as terraform-plugin-go does.
/// </summary>
internal sealed class StopSignal : IDisposable
{
    private CancellationTokenSource _current = new();
    private readonly Lock _gate = new();

    /// <summary>The token for a request starting now.</summary>
    public CancellationToken Token
    {
        get
        {
            lock (_gate)
            {
                return _current.Token;
            }
        }
    }

    /// <summary>Cancels every request that took a token before this call.</summary>
    public void Stop()
    {
        CancellationTokenSource stopped;
        lock (_gate)
        {
            stopped = _current;
            _current = new CancellationTokenSource();
        }

        // Not disposed: requests still hold its token and may register on it.
        stopped.Cancel();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            _current.Dispose();
        }
    }
}
