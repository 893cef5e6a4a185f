namespace Immutable.Sdk.Docker.Rollouts;

/// <summary>A generation that took the traffic.</summary>
/// <param name="Generation">Its number.</param>
/// <param name="Instances">Its instance names.</param>
/// <param name="ImageId">The image id all its instances run.</param>
/// <param name="StartedAt">When its instances started.</param>
/// <param name="Cutover">How long the final traffic switch took (until the old generation's connections drained).</param>
public sealed record GenerationResult(long Generation, IReadOnlyList<string> Instances, string ImageId, DateTimeOffset StartedAt, TimeSpan Cutover);
