using System.Diagnostics.Metrics;

namespace Immutable.Sdk.Hosting.Kestrel;

/// <summary>
/// Kestrel's metrics need a meter factory. Without a host nobody collects them, so the meters are
/// plain ones that are disposed with the server.
/// </summary>
internal sealed class QuietMeterFactory : IMeterFactory
{
    private readonly List<Meter> _meters = [];
    private readonly Lock _gate = new();

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(options);
        lock (_gate)
        {
            _meters.Add(meter);
        }

        return meter;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _meters.ForEach(m => m.Dispose());
            _meters.Clear();
        }
    }
}
