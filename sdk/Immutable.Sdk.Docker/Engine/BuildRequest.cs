using Immutable.Sdk.Docker.BuildKit;

namespace Immutable.Sdk.Docker.Engine;

/// <summary>One image build, as the engine's <c>/build</c> endpoint takes it.</summary>
public sealed record BuildRequest
{
    /// <summary>Dockerfile path inside the context, with forward slashes.</summary>
    public required string Dockerfile { get; init; }

    /// <summary>Full references to tag the result with (<c>repo:tag</c>).</summary>
    public required IReadOnlyList<string> Tags { get; init; }

    /// <summary>Build arguments.</summary>
    public IReadOnlyDictionary<string, string> BuildArgs { get; init; } = new Dictionary<string, string>();

    /// <summary>Labels set on the image.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Multi-stage target, or null for the last stage.</summary>
    public string? Target { get; init; }

    /// <summary>Platform such as <c>linux/amd64</c>, or null for the engine's own.</summary>
    public string? Platform { get; init; }

    /// <summary>Ignore the layer cache (BuildKit keeps cache mounts: they are the build's own cache).</summary>
    public bool NoCache { get; init; }

    /// <summary>Build secrets by id (<c>RUN --mount=type=secret,id=ID</c>); BuildKit only.</summary>
    public IReadOnlyDictionary<string, BuildSecret> Secrets { get; init; } = new Dictionary<string, BuildSecret>();

    /// <summary>SSH agent sockets by id (<c>RUN --mount=type=ssh</c>); BuildKit only.</summary>
    public IReadOnlyDictionary<string, string> SshAgents { get; init; } = new Dictionary<string, string>();
}
