namespace Immutable.Sdk.Docker.Rollouts;

/// <summary>The truth about one generation: what runs of it and whether it serves as recorded.</summary>
/// <param name="Generation">Its number.</param>
/// <param name="Instances">The names of its instances.</param>
/// <param name="ImageId">The image id its first instance runs (empty when none is left).</param>
/// <param name="StartedAt">When its first instance started.</param>
/// <param name="Recipe">The configuration text it was started with.</param>
/// <param name="Drift">What differs from the record, starting with <c>drifted: </c>; null when it serves as recorded.</param>
/// <param name="Restarts">How often the runtime restarted its instances (crashes healed, daemon restarts): not drift.</param>
public sealed record GenerationReport(long Generation, IReadOnlyList<string> Instances, string ImageId, DateTimeOffset? StartedAt, string? Recipe, string? Drift, long Restarts = 0);
