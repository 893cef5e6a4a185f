namespace Immutable.Sdk.Docker.Images;

/// <summary>The names of the build backends a caller can choose between.</summary>
public static class ImageBuilders
{
    /// <summary>BuildKit (<see cref="BuildKitBuildBackend"/>), the default: cache, secret and SSH mounts.</summary>
    public const string BuildKit = "buildkit";

    /// <summary>The classic builder (<see cref="ClassicBuildBackend"/>), for engines without BuildKit.</summary>
    public const string Classic = "classic";
}
