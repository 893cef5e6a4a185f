namespace Immutable.Sdk.Docker.Rollouts;

/// <summary>Something a pre-flight check found before anything was created.</summary>
/// <param name="Field">The configuration it is about.</param>
/// <param name="Summary">One line (the diagnostic's title).</param>
/// <param name="Detail">What to do about it.</param>
/// <param name="IsWarning">True when the check could not be made (the rollout may still work).</param>
public sealed record RolloutProblem(RolloutField Field, string Summary, string Detail, bool IsWarning = false);
