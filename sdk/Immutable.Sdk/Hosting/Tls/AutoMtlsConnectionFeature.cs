using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;

namespace Immutable.Sdk.Hosting.Tls;

/// <summary>
/// Tells Kestrel (and gRPC's auth context) the connection is TLS with ALPN h2, as <c>UseHttps</c> would:
/// Kestrel takes the request scheme "https" from it, which gRPC clients send.
/// </summary>
internal sealed class AutoMtlsConnectionFeature(X509Certificate2 clientCertificate) : ITlsConnectionFeature, ITlsApplicationProtocolFeature
{
    public X509Certificate2? ClientCertificate { get; set; } = clientCertificate;

    public ReadOnlyMemory<byte> ApplicationProtocol => "h2"u8.ToArray();

    public Task<X509Certificate2?> GetClientCertificateAsync(CancellationToken cancellationToken) => Task.FromResult(ClientCertificate);
}
