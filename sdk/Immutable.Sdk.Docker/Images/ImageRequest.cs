using Immutable.Sdk.Docker.BuildContext;
using Immutable.Sdk.Docker.BuildKit;
using Immutable.Sdk.Docker.References;

namespace Immutable.Sdk.Docker.Images;

/// <summary>One image to make: what to build, what to name it, whether to push it.</summary>
public sealed record ImageRequest
{
    /// <summary>The repository to tag (and push) the image under; the engine adds the content tag.</summary>
    public required ImageReference Repository { get; init; }

    /// <summary>The build context and parameters.</summary>
    public required BuildInputs Inputs { get; init; }

    /// <summary>Push to the registry in <see cref="Repository"/> and pin the result to its manifest digest.</summary>
    public bool Push { get; init; }

    /// <summary>The caller's configuration, stored on the image as <see cref="ImageLabels.Recipe"/> for import.</summary>
    public string? Recipe { get; init; }

    /// <summary>How long build and push together may take.</summary>
    public required TimeSpan Timeout { get; init; }

    /// <summary>Ignore the layer cache for this build.</summary>
    public bool NoCache { get; init; }

    /// <summary>Build secrets by id, served to the build and never stored (BuildKit only).</summary>
    public IReadOnlyDictionary<string, BuildSecret> Secrets { get; init; } = new Dictionary<string, BuildSecret>();

    /// <summary>SSH agent sockets by id, forwarded to the build (BuildKit only).</summary>
    public IReadOnlyDictionary<string, string> SshAgents { get; init; } = new Dictionary<string, string>();
}
