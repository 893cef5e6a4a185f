namespace Immutable.Sdk.Docker.Engine.Connection;

/// <summary>How the provider reaches the Docker engine: unix socket, plain TCP, TCP with TLS, or ssh.</summary>
public enum EngineTransportKind
{
    /// <summary>A local unix socket (or a Windows named pipe).</summary>
    Socket,

    /// <summary>Plain HTTP over TCP.</summary>
    Tcp,

    /// <summary>HTTPS over TCP, optionally with a client certificate.</summary>
    Tls,

    /// <summary>An <c>ssh</c> process running <c>docker system dial-stdio</c> on the remote host.</summary>
    Ssh,
}

/// <summary>
/// A resolved engine address with what it takes to open a connection to it, and where each part
/// came from so failures can name the setting to change.
/// </summary>
public sealed record EngineEndpoint
{
    /// <summary>The address as the user wrote it (<c>unix://…</c>, <c>tcp://…</c>, <c>ssh://…</c>).</summary>
    public required Uri Host { get; init; }

    /// <summary>The transport.</summary>
    public required EngineTransportKind Kind { get; init; }

    /// <summary>Where the address came from, in words (e.g. "the provider's host", "DOCKER_HOST", "Docker context \"prod\"").</summary>
    public required string Source { get; init; }

    /// <summary>The Docker context used, or null for none.</summary>
    public string? ContextName { get; init; }

    /// <summary>TLS settings when <see cref="Kind"/> is <see cref="EngineTransportKind.Tls"/>.</summary>
    public TlsSettings? Tls { get; init; }

    /// <summary>Extra arguments for <c>ssh</c> (the provider's <c>ssh_opts</c>).</summary>
    public IReadOnlyList<string> SshOptions { get; init; } = [];

    /// <inheritdoc />
    public override string ToString() => Kind == EngineTransportKind.Tls ? $"{Host} (TLS)" : Host.ToString();
}
