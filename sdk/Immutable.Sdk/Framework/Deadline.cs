namespace Immutable.Sdk.Framework;

/// <summary>
/// The deadline of one operation (a Create or Delete under <c>timeouts</c>): its <see cref="Token"/> is
/// cancelled when the timeout passes or when Terraform stops the provider, and <see cref="HasPassed"/>
/// tells the two apart, so a resource can say "timed out" only when it did.
/// </summary>
public sealed class Deadline : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly CancellationToken _stop;

    private Deadline(TimeSpan timeout, CancellationToken stop)
    {
        Timeout = timeout;
        _stop = stop;
        _source = CancellationTokenSource.CreateLinkedTokenSource(stop);
        _source.CancelAfter(timeout);
    }

    /// <summary>How long the operation may take.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Cancelled at the deadline or when Terraform stops the provider.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>Whether the deadline passed (rather than Terraform asking the provider to stop).</summary>
    public bool HasPassed => _source.IsCancellationRequested && !_stop.IsCancellationRequested;

    /// <summary>Starts a deadline <paramref name="timeout"/> from now, also cancelled by <paramref name="stop"/>.</summary>
    public static Deadline Start(TimeSpan timeout, CancellationToken stop) => new(timeout, stop);

    /// <inheritdoc />
    public void Dispose() => _source.Dispose();
}
