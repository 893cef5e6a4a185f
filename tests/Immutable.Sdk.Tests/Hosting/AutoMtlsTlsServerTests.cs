using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Immutable.Sdk.Hosting;
using Immutable.Sdk.Hosting.Tls;

namespace Immutable.Sdk.Tests.Hosting;

/// <summary>
/// The BouncyCastle TLS layer of AutoMTLS over a real loopback socket, against .NET's own TLS client
/// (SslStream on OpenSSL): the handshake, ALPN, which client certificates get in, and data both ways.
/// </summary>
public sealed class AutoMtlsTlsServerTests
{
    [Theory]
    [InlineData(SslProtocols.Tls12)]
    [InlineData(SslProtocols.Tls13)]
    public async Task The_expected_client_gets_a_tls_channel_with_alpn_h2(SslProtocols protocol)
    {
        using var client = NewClientCertificate();
        using var mtls = AutoMtls.Create(Pem(client));
        await using var connection = await TlsConnection.OpenAsync(mtls, client, protocol);

        Assert.Null(connection.ServerError);
        Assert.Equal(protocol, connection.Client.SslProtocol);
        Assert.Equal(SslApplicationProtocol.Http2, connection.Client.NegotiatedApplicationProtocol);
        await connection.Client.WriteAsync("ping"u8.ToArray());
        Assert.Equal("ping"u8.ToArray(), await ReadExactlyAsync(connection.Server!, 4));
        await connection.Server!.WriteAsync("pong"u8.ToArray());
        Assert.Equal("pong"u8.ToArray(), await ReadExactlyAsync(connection.Client, 4));
    }

    [Theory]
    [InlineData(SslProtocols.Tls12)]
    [InlineData(SslProtocols.Tls13)]
    public async Task Another_client_certificate_is_refused(SslProtocols protocol)
    {
        using var expected = NewClientCertificate();
        using var stranger = NewClientCertificate();
        using var mtls = AutoMtls.Create(Pem(expected));
        await using var connection = await TlsConnection.OpenAsync(mtls, stranger, protocol);

        Assert.IsAssignableFrom<IOException>(connection.ServerError);
        Assert.Contains("PLUGIN_CLIENT_CERT", connection.ServerReason, StringComparison.Ordinal);
        await AssertClientGetsNothingAsync(connection.Client);
    }

    [Theory]
    [InlineData(SslProtocols.Tls12)]
    [InlineData(SslProtocols.Tls13)]
    public async Task A_client_without_a_certificate_is_refused(SslProtocols protocol)
    {
        using var expected = NewClientCertificate();
        using var mtls = AutoMtls.Create(Pem(expected));
        await using var connection = await TlsConnection.OpenAsync(mtls, null, protocol);

        Assert.IsAssignableFrom<IOException>(connection.ServerError);
        Assert.Contains("no certificate", connection.ServerReason, StringComparison.Ordinal);
        await AssertClientGetsNothingAsync(connection.Client);
    }

    [Fact]
    public async Task The_expected_certificate_past_its_dates_is_refused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=expired", key, HashAlgorithmName.SHA256);
        using var expired = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-2), DateTimeOffset.UtcNow.AddDays(-1));
        using var mtls = AutoMtls.Create(Pem(expired));
        await using var connection = await TlsConnection.OpenAsync(mtls, expired, SslProtocols.Tls13);

        Assert.IsAssignableFrom<IOException>(connection.ServerError);
        Assert.Contains("validity", connection.ServerReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Megabytes_cross_in_both_directions_at_once()
    {
        // HTTP/2 reads and writes on the same connection concurrently; records must stay in order.
        using var client = NewClientCertificate();
        using var mtls = AutoMtls.Create(Pem(client));
        await using var connection = await TlsConnection.OpenAsync(mtls, client, SslProtocols.Tls13);
        var up = RandomNumberGenerator.GetBytes(6 * 1024 * 1024);
        var down = RandomNumberGenerator.GetBytes(6 * 1024 * 1024);

        var sendUp = WriteInPiecesAsync(connection.Client, up);
        var sendDown = WriteInPiecesAsync(connection.Server!, down);
        var receivedUp = ReadExactlyAsync(connection.Server!, up.Length);
        var receivedDown = ReadExactlyAsync(connection.Client, down.Length);
        await Task.WhenAll(sendUp, sendDown, receivedUp, receivedDown);

        var atServer = await receivedUp;
        var atClient = await receivedDown;
        Assert.True(up.SequenceEqual(atServer), "client to server bytes differ");
        Assert.True(down.SequenceEqual(atClient), "server to client bytes differ");
    }

    private static X509Certificate2 NewClientCertificate() =>
        GoPluginCertificate.Create(ECCurve.NamedCurves.nistP521, HashAlgorithmName.SHA512, "CN=localhost, O=HashiCorp", TimeSpan.FromDays(1));

    private static string Pem(X509Certificate2 certificate) => new(PemEncoding.Write("CERTIFICATE", certificate.RawData));

    private static async Task WriteInPiecesAsync(Stream stream, byte[] data)
    {
        for (var offset = 0; offset < data.Length; offset += 100_000)
        {
            await stream.WriteAsync(data.AsMemory(offset, Math.Min(100_000, data.Length - offset)));
        }

        await stream.FlushAsync();
    }

    private static async Task<byte[]> ReadExactlyAsync(Stream stream, int length)
    {
        var buffer = new byte[length];
        await stream.ReadExactlyAsync(buffer);
        return buffer;
    }

    /// <summary>A refused client never reads application data: its handshake failed (TLS 1.2) or the server's alert ends its stream (TLS 1.3).</summary>
    private static async Task AssertClientGetsNothingAsync(SslStream client)
    {
        if (!client.IsAuthenticated)
        {
            return;
        }

        try
        {
            var read = await client.ReadAsync(new byte[16]);
            Assert.Equal(0, read);
        }
        catch (Exception ex) when (ex is IOException or AuthenticationException)
        {
            // The alert surfaces as an error on the client: refused as expected.
        }
    }

    /// <summary>A loopback TCP connection: our TLS server on one end, SslStream on the other.</summary>
    private sealed class TlsConnection : IAsyncDisposable
    {
        private readonly TcpClient _serverSocket;
        private readonly TcpClient _clientSocket;

        private TlsConnection(TcpClient serverSocket, TcpClient clientSocket, SslStream client)
        {
            _serverSocket = serverSocket;
            _clientSocket = clientSocket;
            Client = client;
        }

        public SslStream Client { get; }

        public TlsServerStream? Server { get; private set; }

        public Exception? ServerError { get; private set; }

        public string ServerReason { get; private set; } = string.Empty;

        public static async Task<TlsConnection> OpenAsync(AutoMtls mtls, X509Certificate2? presented, SslProtocols protocol)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var clientSocket = new TcpClient();
            var connecting = clientSocket.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
            var serverSocket = await listener.AcceptTcpClientAsync();
            await connecting;

            var network = serverSocket.GetStream();
            var transport = new SocketPipe(PipeReader.Create(network), PipeWriter.Create(network));
            var tlsServer = new GoPluginTlsServer(new AutoMtlsCrypto(), mtls.Keys);
            var client = new SslStream(clientSocket.GetStream());
            var connection = new TlsConnection(serverSocket, clientSocket, client);
            var accepting = TlsServerStream.AcceptAsync(transport, tlsServer, CancellationToken.None);
            var authenticating = client.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                EnabledSslProtocols = protocol,
                ApplicationProtocols = [SslApplicationProtocol.Http2],
                ClientCertificates = presented is null ? null : [presented],
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is not null && certificate.GetRawCertData().AsSpan().SequenceEqual(mtls.ServerCertificate.RawData),
            });
            try
            {
                connection.Server = await accepting;
            }
            catch (IOException ex)
            {
                connection.ServerError = ex;
                connection.ServerReason = tlsServer.FailureReason ?? ex.Message;
            }

            try
            {
                await authenticating;
            }
            catch (Exception ex) when (connection.ServerError is not null && ex is IOException or AuthenticationException)
            {
                // In TLS 1.2 the refusal can reach the client before its handshake ends.
            }

            return connection;
        }

        public async ValueTask DisposeAsync()
        {
            if (Server is not null)
            {
                await Server.DisposeAsync();
            }

            await Client.DisposeAsync();
            _clientSocket.Dispose();
            _serverSocket.Dispose();
        }

        private sealed record SocketPipe(PipeReader Input, PipeWriter Output) : IDuplexPipe;
    }
}
