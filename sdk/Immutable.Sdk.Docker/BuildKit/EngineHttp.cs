using System.Net.Sockets;

namespace Immutable.Sdk.Docker.BuildKit;

/// <summary>
/// Plain HTTP to the engine for the two endpoints Docker.DotNet does not cover: <c>/build</c>
/// with <c>version=2</c> and <c>session</c>, and the <c>/session</c> upgrade. Supports the unix
/// socket and plain TCP endpoints.
/// </summary>
internal static class EngineHttp
{
    public static HttpClient Create(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(30), UseProxy = false };
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
            case "tcp" or "http":
                address = new UriBuilder("http", endpoint.Host, endpoint.Port).Uri;
                break;
            default:
                handler.Dispose();
                throw new NotSupportedException($"BuildKit builds need a unix:// or tcp:// engine endpoint, not {endpoint.Scheme}://.");
        }

        return new HttpClient(handler) { BaseAddress = address, Timeout = Timeout.InfiniteTimeSpan };
    }
}
