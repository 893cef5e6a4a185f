using Immutable.Sdk.Framework;

namespace Immutable.Provider;

/// <summary>Where the Docker Engine API is, as the provider block and environment decide.</summary>
public sealed record DockerConnection(Uri Endpoint)
{
    /// <summary>The local engine's default socket.</summary>
    public const string DefaultHost = "unix:///var/run/docker.sock";

    /// <summary>
    /// The configured host, else <c>DOCKER_HOST</c>, else the local socket. A malformed address is
    /// an error on the <c>host</c> attribute.
    /// </summary>
    public static DockerConnection Resolve(string? configured, string? environment)
    {
        var host = !string.IsNullOrWhiteSpace(configured) ? configured
            : !string.IsNullOrWhiteSpace(environment) ? environment
            : DefaultHost;
        if (!Uri.TryCreate(host, UriKind.Absolute, out var uri) || uri.Scheme is not ("unix" or "tcp" or "http" or "https" or "npipe"))
        {
            throw new DiagnosticException(Diagnostic.Error(
                "Invalid Docker host",
                $"\"{host}\" is not a Docker Engine address. Use unix:///path/to/docker.sock, tcp://HOST:PORT or npipe:////./pipe/docker_engine.",
                Immutable.Cty.CtyPath.Root.GetAttr("host")));
        }

        return new DockerConnection(uri);
    }
}
