using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Immutable.Sdk.Hosting.Tls;

/// <summary>
/// Terminates go-plugin's AutoMTLS in front of Kestrel with BouncyCastle's TLS server, instead of
/// <c>UseHttps</c>: SslStream builds an <c>X509Chain</c> for the server and the client certificate, and
/// .NET's OpenSSL chain code loads the whole machine trust store for that (about 40 % of the start-up
/// CPU), although the one trusted certificate is known byte for byte. Kestrel then serves HTTP/2 with
/// prior knowledge on the decrypted stream (the endpoint is HTTP/2 only; ALPN h2 is still negotiated).
/// </summary>
internal static class AutoMtlsConnectionMiddleware
{
    /// <summary>Kestrel's default for <c>UseHttps</c>: a client that stalls mid-handshake does not hold the connection.</summary>
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Adds the TLS layer to <paramref name="listen"/>; the certificates are awaited by the first connection.</summary>
    public static void UseAutoMtls(this ListenOptions listen, Task<AutoMtls> keys, ILogger logger)
    {
        listen.Use(next => async connection =>
        {
            var mtls = await keys.ConfigureAwait(false);
            var server = new GoPluginTlsServer(new AutoMtlsCrypto(), mtls.Keys);
            TlsServerStream tls;
            try
            {
                using var handshake = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed);
                handshake.CancelAfter(HandshakeTimeout);
                tls = await TlsServerStream.AcceptAsync(connection.Transport, server, handshake.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException)
            {
                if (server.RefusedCertificate)
                {
                    logger.LogWarning("Refused a TLS client on {Connection}: {Reason}", connection.ConnectionId, server.FailureReason);
                }
                else
                {
                    logger.LogDebug(ex, "TLS handshake on {Connection} failed: {Reason}", connection.ConnectionId, server.FailureReason ?? ex.Message);
                }

                return;
            }

            await using (tls.ConfigureAwait(false))
            {
                var ciphertext = connection.Transport;
                var plaintext = new DecryptedPipe(
                    PipeReader.Create(tls, new StreamPipeReaderOptions(leaveOpen: true)),
                    PipeWriter.Create(tls, new StreamPipeWriterOptions(leaveOpen: true)));
                connection.Transport = plaintext;
                var feature = new AutoMtlsConnectionFeature(mtls.ClientCertificate);
                connection.Features.Set<ITlsConnectionFeature>(feature);
                connection.Features.Set<ITlsApplicationProtocolFeature>(feature);
                try
                {
                    await next(connection).ConfigureAwait(false);
                }
                finally
                {
                    await plaintext.Input.CompleteAsync().ConfigureAwait(false);
                    await plaintext.Output.CompleteAsync().ConfigureAwait(false);
                    connection.Transport = ciphertext;
                }
            }
        });
    }

    private sealed record DecryptedPipe(PipeReader Input, PipeWriter Output) : IDuplexPipe;
}
