using System.Security.Cryptography.X509Certificates;
using Immutable.Sdk.Hosting;

namespace Immutable.Sdk.Tests.Hosting;

public sealed class AutoMtlsTests
{
    [Fact]
    public void Server_certificate_is_what_go_plugin_clients_verify()
    {
        using var certificate = AutoMtls.CreateServerCertificate();
        Assert.True(certificate.HasPrivateKey);
        Assert.Equal("localhost", certificate.GetNameInfo(X509NameType.DnsName, false));
        Assert.True(certificate.NotBefore.ToUniversalTime() < DateTime.UtcNow.AddSeconds(-20), "backdated so clock skew does not reject it");
        var usages = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages;
        Assert.Contains(usages.Cast<System.Security.Cryptography.Oid>(), o => o.Value == "1.3.6.1.5.5.7.3.1");
        Assert.True(certificate.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
    }

    [Fact]
    public void Handshake_certificate_is_unpadded_standard_base64_of_the_der()
    {
        using var client = AutoMtls.CreateServerCertificate("client");
        var pem = new string(System.Security.Cryptography.PemEncoding.Write("CERTIFICATE", client.RawData));
        using var tls = AutoMtls.Create(pem);
        Assert.DoesNotContain('=', tls.HandshakeCertificate);
        Assert.DoesNotContain('-', tls.HandshakeCertificate);
        var padded = tls.HandshakeCertificate.PadRight((tls.HandshakeCertificate.Length + 3) / 4 * 4, '=');
        Assert.Equal(tls.ServerCertificate.RawData, Convert.FromBase64String(padded));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a certificate")]
    [InlineData("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----")]
    public void A_garbled_client_certificate_is_a_startup_error_with_a_message(string pem)
    {
        var error = Assert.Throws<PluginStartupException>(() => AutoMtls.Create(pem));
        Assert.Contains("PLUGIN_CLIENT_CERT", error.Message, StringComparison.Ordinal);
    }
}
