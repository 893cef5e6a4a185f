using System.Net.Sockets;
using Immutable.Sdk.Docker.Engine.Connection;

namespace Immutable.Sdk.Docker.BuildKit;

/// <summary>
/// Plain HTTP to the engine for the two endpoints Docker.DotNet does not cover: <c>/build</c>
/// with <c>version=2</c> and <c>session</c>, and the <c>/session</c> upgrade. Supports the unix
/// socket, plain TCP, and TCP with TLS (client certificate and CA as the engine's settings say).
/// </summary>
internal static class EngineHttp
{
    public static HttpClient Create(Uri endpoint, TlsSettings? tls = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(30), UseProxy = false };
        if (tls is not null)
        {
            // Verified exactly as the Docker.DotNet client of the same engine verifies it (EndpointResolver's TLS settings).
            handler.SslOptions = tls.CreateOptions();
        }

        Uri address;
        switch (endpoint.Scheme)
        {
            case "unix":
                var path = endpoint.LocalPath;
                handler.ConnectCallback = async (_, cancellation) =>
                {
                    var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    try
                    {
                        await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellation).ConfigureAwait(false);
                        return new NetworkStream(socket, ownsSocket: true);
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                };
                address = new Uri("http://docker.sock/");
                break;
            case "tcp" or "http" or "https":
                address = new UriBuilder(tls is null && endpoint.Scheme != "https" ? "http" : "https", endpoint.Host, endpoint.Port).Uri;
                break;
            default:
                handler.Dispose();
                throw new NotSupportedException($"BuildKit builds need a unix:// or tcp:// engine endpoint, not {endpoint.Scheme}://.");
        }

        return new HttpClient(handler) { BaseAddress = address, Timeout = Timeout.InfiniteTimeSpan };
    }
}
