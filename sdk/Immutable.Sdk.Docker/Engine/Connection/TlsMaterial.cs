using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Immutable.Sdk.Docker.Engine.Connection;

/// <summary>PEM text and where it came from.</summary>
internal sealed record Pem(TlsPart Part, string Text);

/// <summary>
/// Turns PEM material into <see cref="TlsSettings"/>, refusing what the engine would refuse later
/// with a less helpful message: text that holds no certificate, a certificate without its key (or
/// the reverse), a key that does not belong to the certificate, an encrypted key (the CLI dropped
/// support for those), a client certificate outside its validity period.
/// </summary>
internal static class TlsMaterial
{
    public static TlsSettings Load(Pem? ca, Pem? certificate, Pem? key, bool verifyServer, DateTimeOffset now)
    {
        var roots = ca is null ? null : Roots(ca);
        if ((certificate is null) != (key is null))
        {
            var present = certificate ?? key!;
            var missing = certificate is null ? "certificate" : "private key";
            throw new ConnectionSettingException(present.Part.Setting, "Incomplete TLS client identity",
                $"{present.Part.Source} is given but the client {missing} is not; give both (cert_material and key_material, or cert.pem and key.pem in cert_path).");
        }

        var client = certificate is null ? null : ClientCertificate(certificate, key!, now);
        return new TlsSettings(ca?.Part, certificate?.Part, roots, client, verifyServer);
    }

    private static X509Certificate2Collection Roots(Pem ca)
    {
        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPem(ca.Text);
        }
        catch (CryptographicException ex)
        {
            throw new ConnectionSettingException(ca.Part.Setting, "Invalid CA certificate", $"{ca.Part.Source} is not a readable PEM certificate: {ex.Message}");
        }

        return roots.Count > 0 ? roots
            : throw new ConnectionSettingException(ca.Part.Setting, "Invalid CA certificate", $"{ca.Part.Source} holds no PEM certificate (-----BEGIN CERTIFICATE-----).");
    }

    private static X509Certificate2 ClientCertificate(Pem certificate, Pem key, DateTimeOffset now)
    {
        if (key.Text.Contains("ENCRYPTED", StringComparison.Ordinal))
        {
            throw new ConnectionSettingException(key.Part.Setting, "Encrypted TLS key",
                $"{key.Part.Source} is an encrypted private key; like the Docker CLI, the provider reads only unencrypted keys (decrypt it with `openssl pkey`).");
        }

        X509Certificate2 loaded;
        try
        {
            loaded = X509Certificate2.CreateFromPem(certificate.Text, key.Text);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            throw new ConnectionSettingException(certificate.Part.Setting, "Invalid TLS client certificate",
                $"{certificate.Part.Source} and {key.Part.Source} are not a PEM certificate with its own private key: {ex.Message}");
        }

        if (now < loaded.NotBefore.ToUniversalTime() || now > loaded.NotAfter.ToUniversalTime())
        {
            var subject = loaded.Subject;
            var (from, to) = (loaded.NotBefore.ToUniversalTime(), loaded.NotAfter.ToUniversalTime());
            loaded.Dispose();
            throw new ConnectionSettingException(certificate.Part.Setting, now > to ? "Expired TLS client certificate" : "TLS client certificate not yet valid",
                $"The client certificate in {certificate.Part.Source} ({subject}) is valid only from {from:u} to {to:u}; the engine would refuse it. Issue a new one.");
        }

        return loaded;
    }
}
