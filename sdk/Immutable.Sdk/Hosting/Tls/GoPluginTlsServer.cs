using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace Immutable.Sdk.Hosting.Tls;

/// <summary>
/// The server side of go-plugin's AutoMTLS as a BouncyCastle TLS policy: TLS 1.2 and 1.3 with ECDHE and
/// AEAD suites only, our ECDSA certificate, ALPN h2, and a client certificate that must be byte-equal
/// to the one in <c>PLUGIN_CLIENT_CERT</c> and within its validity dates (the protocol then checks the
/// client's signature with that certificate's key). No chain is built and no trust store is read.
/// </summary>
internal sealed class GoPluginTlsServer(BcTlsCrypto crypto, AutoMtlsKeys keys) : AbstractTlsServer(crypto)
{
    private static readonly int[] Suites =
    [
        CipherSuite.TLS_AES_128_GCM_SHA256,
        CipherSuite.TLS_AES_256_GCM_SHA384,
        CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
    ];

    /// <summary>ecdsa_secp256r1_sha256 in TLS 1.3, ECDSA with SHA-256 in TLS 1.2: the same code point.</summary>
    private static readonly SignatureAndHashAlgorithm ServerSignature =
        SignatureAndHashAlgorithm.GetInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa);

    /// <summary>True once the handshake finished, client certificate checked.</summary>
    public bool IsHandshakeComplete { get; private set; }

    /// <summary>Why the handshake failed, as the alert we raised says it.</summary>
    public string? FailureReason { get; private set; }

    /// <summary>Set when the client was turned away for its certificate (rather than, say, hanging up).</summary>
    public bool RefusedCertificate { get; private set; }

    public override bool RequiresCloseNotify() => false;

    protected override ProtocolVersion[] GetSupportedVersions() => ProtocolVersion.TLSv13.DownTo(ProtocolVersion.TLSv12);

    protected override int[] GetSupportedCipherSuites() => TlsUtilities.GetSupportedCipherSuites(Crypto, Suites);

    protected override IList<ProtocolName> GetProtocolNames() => [ProtocolName.Http_2_Tls];

    public override TlsCredentials GetCredentials()
    {
        var certificate = TlsUtilities.IsTlsV13(m_context)
            ? new Certificate(TlsUtilities.EmptyBytes, [new CertificateEntry(Crypto.CreateCertificate(keys.ServerCertificateDer), null)])
            : new Certificate([Crypto.CreateCertificate(keys.ServerCertificateDer)]);
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(m_context), (BcTlsCrypto)Crypto, keys.ServerPrivateKey, certificate, ServerSignature);
    }

    public override CertificateRequest GetCertificateRequest()
    {
        var algorithms = TlsUtilities.GetDefaultSupportedSignatureAlgorithms(m_context);
        return TlsUtilities.IsTlsV13(m_context)
            ? new CertificateRequest(TlsUtilities.EmptyBytes, algorithms, null, null)
            : new CertificateRequest([ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign], algorithms, null);
    }

    public override void NotifyClientCertificate(Certificate clientCertificate)
    {
        if (clientCertificate is null || clientCertificate.IsEmpty)
        {
            throw Refuse(TlsUtilities.IsTlsV13(m_context) ? AlertDescription.certificate_required : AlertDescription.handshake_failure,
                "the client presented no certificate");
        }

        if (!clientCertificate.GetCertificateAt(0).GetEncoded().AsSpan().SequenceEqual(keys.ClientCertificateDer))
        {
            throw Refuse(AlertDescription.bad_certificate, "the client certificate is not the one in PLUGIN_CLIENT_CERT");
        }

        var now = DateTime.UtcNow;
        if (now < keys.ClientNotBefore || now > keys.ClientNotAfter)
        {
            throw Refuse(AlertDescription.certificate_expired, "the client certificate is outside its validity dates");
        }
    }

    public override void NotifyHandshakeComplete()
    {
        base.NotifyHandshakeComplete();
        IsHandshakeComplete = true;
    }

    public override void NotifyAlertRaised(short alertLevel, short alertDescription, string message, Exception cause)
    {
        if (alertLevel == AlertLevel.fatal)
        {
            FailureReason ??= $"{AlertDescription.GetText(alertDescription)}{(message is null ? string.Empty : ": " + message)}";
        }
    }

    private TlsFatalAlert Refuse(short alert, string reason)
    {
        FailureReason = $"{AlertDescription.GetText(alert)}: {reason}";
        RefusedCertificate = true;
        return new TlsFatalAlert(alert, reason);
    }
}
