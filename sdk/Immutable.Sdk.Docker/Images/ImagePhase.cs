namespace Immutable.Sdk.Docker.Images;

/// <summary>Which step of <see cref="ImageBuilder.BuildAsync"/> a progress line comes from.</summary>
public enum ImagePhase
{
    /// <summary>The build's output.</summary>
    Build,

    /// <summary>The push's status lines.</summary>
    Push,
}
