namespace Immutable.Sdk.Docker.Rollouts;

/// <summary>A generation that took the traffic.</summary>
/// <param name="Generation">Its number.</param>
/// <param name="Containers">Its container names.</param>
/// <param name="ImageId">The image id all its containers run.</param>
/// <param name="StartedAt">When its containers started.</param>
/// <param name="Cutover">How long the final traffic switch took (until the old generation's connections drained).</param>
public sealed record GenerationResult(long Generation, IReadOnlyList<string> Containers, string ImageId, DateTimeOffset StartedAt, TimeSpan Cutover);
