namespace Immutable.Sdk.Docker.Rollouts;

/// <summary>What runs of one generation: its instances and the backends the endpoint routes to for it.</summary>
/// <param name="Number">Generation number.</param>
/// <param name="Instances">Its instances, ordered by name.</param>
/// <param name="Backends">
/// The addresses the endpoint sends the generation's traffic to, in the runtime's own terms (an address
/// per container on one host; one DNS name per generation on Swarm or Kubernetes).
/// </param>
/// <param name="Recipe">The configuration text the generation was started with (see <see cref="RolloutSpec.Recipe"/>).</param>
public sealed record GenerationFacts(long Number, IReadOnlyList<InstanceFacts> Instances, IReadOnlyList<string> Backends, string? Recipe);
