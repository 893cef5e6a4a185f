using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Immutable.Sdk.Hosting.Tls;
using Org.BouncyCastle.Security;

namespace Immutable.Sdk.Hosting;

/// <summary>
/// go-plugin's AutoMTLS, server side: a fresh self-signed certificate for this process only, and a
/// TLS server (<see cref="GoPluginTlsServer"/>) that accepts exactly the one client certificate the
/// client passed in <c>PLUGIN_CLIENT_CERT</c>, nothing else.
/// </summary>
internal sealed class AutoMtls : IDisposable
{
    private AutoMtls(X509Certificate2 serverCertificate, X509Certificate2 clientCertificate)
    {
        ServerCertificate = serverCertificate;
        ClientCertificate = clientCertificate;
        Keys = new AutoMtlsKeys(
            serverCertificate.RawData,
            PrivateKeyFactory.CreateKey(ExportPrivateKey(serverCertificate)),
            clientCertificate.RawData,
            clientCertificate.NotBefore.ToUniversalTime(),
            clientCertificate.NotAfter.ToUniversalTime());
    }

    /// <summary>The ephemeral server certificate (with its private key).</summary>
    public X509Certificate2 ServerCertificate { get; }

    /// <summary>The only client certificate accepted.</summary>
    public X509Certificate2 ClientCertificate { get; }

    /// <summary>Both certificates and the server's key in the form the TLS server uses.</summary>
    public AutoMtlsKeys Keys { get; }

    /// <summary>The server certificate as the handshake line carries it: DER, unpadded standard base64.</summary>
    public string HandshakeCertificate => Convert.ToBase64String(ServerCertificate.RawData).TrimEnd('=');

    /// <summary>Parses the client's PEM certificate and makes the server side of the TLS setup.</summary>
    /// <exception cref="PluginStartupException">The PEM is not a certificate.</exception>
    public static AutoMtls Create(string clientCertificatePem)
    {
        var client = ParseClientCertificate(clientCertificatePem);
        return new AutoMtls(CreateServerCertificate(), client);
    }

    /// <summary>
    /// A certificate shaped like the ones go-plugin makes: ECDSA, SAN localhost, server and client
    /// auth, a CA of itself (Go's verifier trusts a pool member directly), and backdated so a
    /// client whose clock is slightly behind still accepts it.
    /// </summary>
    public static X509Certificate2 CreateServerCertificate(string commonName = "localhost") =>
        GoPluginCertificate.Create(ECCurve.NamedCurves.nistP256, HashAlgorithmName.SHA256, $"CN={commonName}, O=Immutable", TimeSpan.FromDays(365 * 30));

    /// <summary>Reads a PEM certificate, with an error message a person can act on.</summary>
    public static X509Certificate2 ParseClientCertificate(string pem)
    {
        try
        {
            return X509Certificate2.CreateFromPem(pem);
        }
        catch (CryptographicException ex)
        {
            throw new PluginStartupException(
                $"PLUGIN_CLIENT_CERT does not hold a PEM certificate ({ex.Message}). " +
                "It is set by Terraform; unset it (and set TF_DISABLE_PLUGIN_TLS=1 on the client) to run without TLS.", ex);
        }
        catch (ArgumentException ex)
        {
            throw new PluginStartupException($"PLUGIN_CLIENT_CERT does not hold a PEM certificate ({ex.Message}).", ex);
        }
    }

    private static byte[] ExportPrivateKey(X509Certificate2 certificate)
    {
        using var key = certificate.GetECDsaPrivateKey() ?? throw new InvalidOperationException("The server certificate has no ECDSA private key.");
        return key.ExportPkcs8PrivateKey();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        ServerCertificate.Dispose();
        ClientCertificate.Dispose();
    }
}
