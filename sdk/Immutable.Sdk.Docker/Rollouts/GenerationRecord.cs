namespace Immutable.Sdk.Docker.Rollouts;

/// <summary>What the caller's records (Terraform state) say about a generation, to compare with what runs.</summary>
/// <param name="Service">The service.</param>
/// <param name="Generation">The recorded generation.</param>
/// <param name="Replicas">How many instances it should have.</param>
/// <param name="ImageId">The image id it should run, when known.</param>
/// <param name="Instances">The instance names recorded, to name the missing ones.</param>
public sealed record GenerationRecord(string Service, long Generation, int Replicas, string? ImageId, IReadOnlyList<string> Instances);
