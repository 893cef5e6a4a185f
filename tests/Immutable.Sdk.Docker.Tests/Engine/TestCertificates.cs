using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Immutable.Sdk.Docker.Tests.Engine;

/// <summary>Certificates the CI script does not make: an expired client certificate, a stranger CA (made with the BCL's CertificateRequest).</summary>
internal static class TestCertificates
{
    /// <summary>
    /// A client certificate signed by the given CA, valid from the CA's own start for <paramref name="lifetime"/>
    /// (a CA cannot sign for a time before its own; a lifetime of a second makes an expired certificate).
    /// PEM certificate and PKCS#8 key.
    /// </summary>
    public static (string Certificate, string Key) Client(string caPem, string caKeyPem, TimeSpan lifetime)
    {
        using var ca = X509Certificate2.CreateFromPem(caPem, caKeyPem);
        var from = new DateTimeOffset(ca.NotBefore.ToUniversalTime());
        var to = from + lifetime;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=immutable-test-client", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        using var issued = request.Create(ca, from, to, RandomNumberGenerator.GetBytes(12));
        return (issued.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>A self-signed CA that signed nothing the engine uses: PEM certificate and key.</summary>
    public static (string Certificate, string Key) StrangerCa()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=stranger-ca", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return (ca.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }
}
