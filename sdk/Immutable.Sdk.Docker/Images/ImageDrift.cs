namespace Immutable.Sdk.Docker.Images;

/// <summary>What an out-of-band check found.</summary>
public enum ImageDriftKind
{
    /// <summary>The local content tag names another image: the image must be rebuilt.</summary>
    TagMoved,

    /// <summary>The registry serves another manifest for the content tag: the image must be pushed again.</summary>
    RegistryMoved,

    /// <summary>The check could not be made (engine or registry unreachable); nothing is known to be wrong.</summary>
    Unchecked,
}

/// <summary>One finding of <see cref="ImageBuilder.CheckDriftAsync"/>, worded for the practitioner.</summary>
public sealed record ImageDrift(ImageDriftKind Kind, string Message);
