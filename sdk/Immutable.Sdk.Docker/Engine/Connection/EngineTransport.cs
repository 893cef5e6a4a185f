using Docker.DotNet.Handler.Abstractions;
using Docker.DotNet.NativeHttp;

namespace Immutable.Sdk.Docker.Engine.Connection;

/// <summary>
/// The two ways in that Docker.DotNet's transports do not cover by themselves — TLS checked as the
/// Docker CLI checks it, and ssh — as settings for its native transport (a
/// <see cref="SocketsHttpHandler"/>: AOT-safe, and it keeps Docker.DotNet's own stream handling):
/// TLS through the handler's <c>SslOptions</c>; ssh through a <c>ConnectCallback</c> that starts
/// one <c>ssh … docker system dial-stdio</c> per pooled connection, as the CLI's connection helper
/// does. No proxy from the environment applies to the engine connection.
/// </summary>
internal static class EngineTransport
{
    /// <summary>The placeholder address HTTP requests carry over ssh (the ssh process decides where they go).</summary>
    public static readonly Uri SshRequestBase = new("http://docker.example.com");

    /// <summary>The address requests go to: https://host:port for TLS, the placeholder for ssh.</summary>
    public static Uri RequestBase(EngineEndpoint endpoint) => endpoint.Kind == EngineTransportKind.Ssh
        ? SshRequestBase
        : new UriBuilder(Uri.UriSchemeHttps, endpoint.Host.Host, endpoint.Host.IsDefaultPort || endpoint.Host.Port <= 0 ? 2376 : endpoint.Host.Port).Uri;

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
            else
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
