using Immutable.Sdk.Docker.Engine;

namespace Immutable.Sdk.Docker.BuildKit;

/// <summary>One image build with BuildKit (<c>POST /build?version=2</c>).</summary>
public sealed record BuildKitRequest
{
    /// <summary>Dockerfile path inside the context, with forward slashes.</summary>
    public required string Dockerfile { get; init; }

    /// <summary>Full references to tag the result with (<c>repo:tag</c>); BuildKit tags only a successful build.</summary>
    public required IReadOnlyList<string> Tags { get; init; }

    /// <summary>Build arguments.</summary>
    public IReadOnlyDictionary<string, string> BuildArgs { get; init; } = new Dictionary<string, string>();

    /// <summary>Labels set on the image.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Multi-stage target, or null for the last stage.</summary>
    public string? Target { get; init; }

    /// <summary>Platform such as <c>linux/amd64</c>, or null for the engine's own.</summary>
    public string? Platform { get; init; }

    /// <summary>Ignore the layer cache (cache mounts are kept: they are the build's own cache).</summary>
    public bool NoCache { get; init; }

    /// <summary>Secrets by id, for <c>RUN --mount=type=secret,id=ID</c>. Served through the build session.</summary>
    public IReadOnlyDictionary<string, BuildSecret> Secrets { get; init; } = new Dictionary<string, BuildSecret>();

    /// <summary>SSH agent sockets by id (<c>default</c> for <c>RUN --mount=type=ssh</c>). Served through the build session.</summary>
    public IReadOnlyDictionary<string, string> SshAgents { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Registry credentials by host (as BuildKit names it: <c>127.0.0.1:5001</c>, <c>registry-1.docker.io</c>)
    /// for pulling private base images; null answers anonymously.
    /// </summary>
    public Func<string, RegistryCredentials?>? Credentials { get; init; }

    /// <summary>Whether the build needs a session (the daemon calls back for secrets, SSH or credentials).</summary>
    internal bool NeedsSession => Secrets.Count > 0 || SshAgents.Count > 0 || Credentials is not null;
}
