using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Immutable.Sdk.Hosting;

namespace Immutable.Sdk.Testing;

/// <summary>
/// The client half of go-plugin's AutoMTLS, made the way go-plugin makes it: a fresh ECDSA P-521
/// certificate for <c>localhost</c>, usable for client and server auth, a CA of itself, backdated.
/// </summary>
public static class ClientCertificate
{
    /// <summary>A new certificate with its private key.</summary>
    public static X509Certificate2 Create() =>
        GoPluginCertificate.Create(ECCurve.NamedCurves.nistP521, HashAlgorithmName.SHA512, "CN=localhost, O=HashiCorp", TimeSpan.FromHours(262980));

    /// <summary>The certificate as PEM, the form <c>PLUGIN_CLIENT_CERT</c> carries.</summary>
    public static string ToPem(X509Certificate2 certificate) =>
        new string(PemEncoding.Write("CERTIFICATE", certificate.RawData));
}
