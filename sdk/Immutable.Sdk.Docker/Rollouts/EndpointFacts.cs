namespace Immutable.Sdk.Docker.Rollouts;

/// <summary>The stable endpoint of a service as the runtime sees it.</summary>
/// <param name="Name">What the runtime calls it (also when it is missing, so messages can name it).</param>
/// <param name="Exists">True when it exists at all.</param>
/// <param name="Running">True when it serves.</param>
public sealed record EndpointFacts(string Name, bool Exists, bool Running);
