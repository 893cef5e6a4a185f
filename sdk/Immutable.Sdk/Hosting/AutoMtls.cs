using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Immutable.Sdk.Hosting;

/// <summary>
/// go-plugin's AutoMTLS, server side: a fresh self-signed certificate for this process only, and a
/// TLS configuration that accepts exactly the one client certificate the client passed in
/// <c>PLUGIN_CLIENT_CERT</c>, nothing else.
/// </summary>
internal sealed class AutoMtls : IDisposable
{
    private readonly Lazy<SslServerAuthenticationOptions> _serverOptions;

    private AutoMtls(X509Certificate2 serverCertificate, X509Certificate2 clientCertificate)
    {
        ServerCertificate = serverCertificate;
        ClientCertificate = clientCertificate;
        _serverOptions = new(() => BuildServerOptions(serverCertificate, clientCertificate));
    }

    /// <summary>The ephemeral server certificate (with its private key).</summary>
    public X509Certificate2 ServerCertificate { get; }

    /// <summary>The only client certificate accepted.</summary>
    public X509Certificate2 ClientCertificate { get; }

    /// <summary>
    /// TLS options handed to every incoming connection, built on first use: that loads the system
    /// trust store (about 50 ms with OpenSSL 3), which the handshake line need not wait for.
    /// </summary>
    public SslServerAuthenticationOptions ServerOptions => _serverOptions.Value;

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

    private static SslServerAuthenticationOptions BuildServerOptions(X509Certificate2 server, X509Certificate2 client)
    {
        // The client certificate is the only trust root, so no other certificate can ever be
        // accepted. (.NET still loads the system store for every chain it builds, once per process.)
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
            DisableCertificateDownloads = true,
        };
        policy.CustomTrustStore.Add(client);

        return new SslServerAuthenticationOptions
        {
            ServerCertificateContext = SslStreamCertificateContext.Create(server, null, offline: true),
            ClientCertificateRequired = true,
            CertificateChainPolicy = policy,
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            ApplicationProtocols = [SslApplicationProtocol.Http2],
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = (_, presented, _, _) =>
                presented is not null && presented.GetRawCertData().AsSpan().SequenceEqual(client.RawData),
        };
    }

    /// <inheritdoc />
    public void Dispose()
    {
        ServerCertificate.Dispose();
        ClientCertificate.Dispose();
    }
}
