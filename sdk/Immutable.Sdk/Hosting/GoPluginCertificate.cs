using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Immutable.Sdk.Hosting;

/// <summary>The certificates of go-plugin's AutoMTLS: public because the client side (the test kit) makes one too.</summary>
public static class GoPluginCertificate
{
    /// <summary>
    /// A self-signed ECDSA certificate for <c>localhost</c> in go-plugin's shape (server and client
    /// auth, CA of itself, backdated 30 seconds). Both halves of AutoMTLS use it: the plugin host for its server certificate, the test kit for the client certificate Terraform would make.
    /// </summary>
    public static X509Certificate2 Create(ECCurve curve, HashAlgorithmName hash, string subject, TimeSpan lifetime)
    {
        using var key = ECDsa.Create(curve);
        var request = new CertificateRequest(subject, key, hash);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment |
            X509KeyUsageFlags.KeyAgreement | X509KeyUsageFlags.KeyCertSign, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        var now = DateTimeOffset.UtcNow;
        var certificate = request.CreateSelfSigned(now.AddSeconds(-30), now.Add(lifetime));
        if (!OperatingSystem.IsWindows())
        {
            return certificate;
        }

        // SChannel cannot use an ephemeral key directly; a PKCS#12 round trip gives it a usable one.
        using (certificate)
        {
            return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
        }
    }
}
