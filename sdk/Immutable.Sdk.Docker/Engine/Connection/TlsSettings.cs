using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Immutable.Sdk.Docker.Engine.Connection;

/// <summary>
/// TLS to a remote engine, checked as the Docker CLI (Go's crypto/tls) checks it: the engine's chain
/// must end at the given CA (only that CA when one is given, else the system's roots), its
/// certificate must name the host, TLS 1.2 or newer, no revocation lookups; a client certificate is
/// presented when one is configured. Remembers why it last rejected the engine, so a failed
/// connection can say so instead of "the remote certificate was rejected".
/// </summary>
public sealed class TlsSettings
{
    private volatile string? _lastRejection;

    internal TlsSettings(TlsPart? ca, TlsPart? client, X509Certificate2Collection? roots, X509Certificate2? clientCertificate, bool verifyServer)
    {
        Ca = ca;
        Client = client;
        Roots = roots;
        ClientCertificate = clientCertificate;
        VerifyServer = verifyServer;
    }

    /// <summary>Where the CA came from (null: the system's roots).</summary>
    public TlsPart? Ca { get; }

    /// <summary>Where the client certificate came from (null: none is presented).</summary>
    public TlsPart? Client { get; }

    /// <summary>The CA certificates the engine's chain must end at; null for the system's roots.</summary>
    public X509Certificate2Collection? Roots { get; }

    /// <summary>The client certificate with its key, or null.</summary>
    public X509Certificate2? ClientCertificate { get; }

    /// <summary>False only for <c>DOCKER_TLS</c> without <c>DOCKER_TLS_VERIFY</c> (encrypted, unverified, as the CLI does).</summary>
    public bool VerifyServer { get; }

    /// <summary>Why the engine's certificate was last rejected, or null.</summary>
    public string? LastRejection => _lastRejection;

    /// <summary>The options for one TLS connection.</summary>
    public SslClientAuthenticationOptions CreateOptions()
    {
        var policy = new X509ChainPolicy { RevocationMode = X509RevocationMode.NoCheck };
        if (Roots is not null)
        {
            policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            policy.CustomTrustStore.AddRange(Roots);
        }

        return new SslClientAuthenticationOptions
        {
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            CertificateChainPolicy = policy,
            ClientCertificateContext = ClientCertificate is null ? null : SslStreamCertificateContext.Create(ClientCertificate, additionalCertificates: null, offline: true),
            RemoteCertificateValidationCallback = Check,
        };
    }

    private bool Check(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (!VerifyServer || errors == SslPolicyErrors.None)
        {
            return true;
        }

        _lastRejection = Explain(certificate, chain, errors);
        return false;
    }

    private string Explain(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return "the engine presented no certificate";
        }

        var subject = certificate.Subject;
        var statuses = chain?.ChainStatus.Select(s => s.Status).ToHashSet() ?? [];
        var trustedBy = Ca is null ? "the system's trusted CAs" : $"the CA from {Ca.Source}";
        if (statuses.Contains(X509ChainStatusFlags.NotTimeValid))
        {
            var certificate2 = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
            return $"the engine's certificate ({subject}) is valid only from {certificate2.NotBefore.ToUniversalTime():u} to {certificate2.NotAfter.ToUniversalTime():u}";
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
        {
            var why = string.Join(", ", chain?.ChainStatus.Select(s => s.Status.ToString()) ?? []);
            return $"the engine's certificate ({subject}, issued by {certificate.Issuer}) is not signed by {trustedBy} ({why})";
        }

        return errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)
            ? $"the engine's certificate ({subject}) is not issued for the host name or address in the engine address"
            : $"the engine's certificate was rejected ({errors})";
    }
}

/// <summary>One piece of TLS material and where it came from, for messages (<c>ca_material</c>, <c>cert_path</c> /x/ca.pem, …).</summary>
/// <param name="Setting">The provider attribute a problem with it is reported on.</param>
/// <param name="Source">Where it was read from, in words.</param>
public sealed record TlsPart(string Setting, string Source);
