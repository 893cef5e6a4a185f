namespace Immutable.Sdk.Docker.Rollouts;

/// <summary>The outcome of one probe.</summary>
/// <param name="Failure">What failed; null when healthy.</param>
/// <param name="Fatal">True when waiting longer cannot help (the container exited or is gone).</param>
public sealed record ProbeResult(string? Failure, bool Fatal = false)
{
    /// <summary>Healthy.</summary>
    public static ProbeResult Healthy { get; } = new(Failure: null);

    /// <summary>True when the probe passed.</summary>
    public bool IsHealthy => Failure is null;
}
