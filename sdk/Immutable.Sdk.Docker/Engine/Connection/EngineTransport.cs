using Docker.DotNet.Handler.Abstractions;
using Docker.DotNet.NativeHttp;

namespace Immutable.Sdk.Docker.Engine.Connection;

/// <summary>
/// The ways in that Docker.DotNet's default transports do not cover by themselves — TLS checked as the
/// Docker CLI checks it, ssh, and plain tcp:// under NativeAOT (the default managed handler's hijacked
/// streams, which <c>docker exec</c> needs, end early there) — as settings for its native transport (a
/// <see cref="SocketsHttpHandler"/>: AOT-safe, and it keeps Docker.DotNet's own stream handling):
/// TLS through the handler's <c>SslOptions</c>; ssh through a <c>ConnectCallback</c> that starts
/// one <c>ssh … docker system dial-stdio</c> per pooled connection, as the CLI's connection helper
/// does. No proxy from the environment applies to the engine connection.
/// </summary>
internal static class EngineTransport
{
    /// <summary>The placeholder address HTTP requests carry over ssh (the ssh process decides where they go).</summary>
    public static readonly Uri SshRequestBase = new("http://docker.example.com");

    /// <summary>The address requests go to: https://host:port for TLS, http://host:port for plain tcp, the placeholder for ssh.</summary>
    public static Uri RequestBase(EngineEndpoint endpoint) => endpoint.Kind switch
    {
        EngineTransportKind.Ssh => SshRequestBase,
        EngineTransportKind.Tls => new UriBuilder(Uri.UriSchemeHttps, endpoint.Host.Host, endpoint.Host.IsDefaultPort || endpoint.Host.Port <= 0 ? 2376 : endpoint.Host.Port).Uri,
        _ => new UriBuilder(Uri.UriSchemeHttp, endpoint.Host.Host, endpoint.Host.IsDefaultPort || endpoint.Host.Port <= 0 ? 2375 : endpoint.Host.Port).Uri,
    };

    /// <summary>Tells Docker.DotNet to speak https (it rewrites the scheme from this, not from the address).</summary>
    public static IAuthProvider Auth(EngineEndpoint endpoint) => endpoint.Kind == EngineTransportKind.Tls ? TlsOn.Instance : NoopAuthProvider.Instance;

    public static NativeHttpTransportOptions Options(EngineEndpoint endpoint) => new()
    {
        ConfigureHandler = handler =>
        {
            handler.UseProxy = false;
            if (endpoint.Kind == EngineTransportKind.Tls)
            {
                handler.SslOptions = endpoint.Tls!.CreateOptions();
            }
            else if (endpoint.Kind == EngineTransportKind.Ssh)
            {
                var arguments = SshCommand.Arguments(endpoint.Host, endpoint.SshOptions);
                handler.PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30);
                handler.ConnectCallback = (_, _) => ValueTask.FromResult<Stream>(CommandStream.Start("ssh", arguments));
            }
        },
    };

    private sealed class TlsOn : IAuthProvider
    {
        public static TlsOn Instance { get; } = new();

        public bool TlsEnabled => true;

        // The certificates are set on the handler by Options; nothing to wrap.
        public HttpMessageHandler ConfigureHandler(HttpMessageHandler handler) => handler;
    }
}
