using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Immutable.Sdk.Hosting;
using Immutable.Sdk.Hosting.Tls;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace Immutable.Sdk.Tests.Hosting;

/// <summary>
/// The client-signature check AutoMTLS hands to OpenSSL, side by side with BouncyCastle's own verifier on
/// the same certificate and signatures: both must accept the key's signature and refuse a stranger's or
/// one over other content. (A TLS client cannot be made to sign with a key that does not match its
/// certificate, so the refusals are checked here; the handshakes are in AutoMtlsTlsServerTests.)
/// </summary>
public sealed class OpenSslVerifiedCertificateTests
{
    private static readonly byte[] Content = "                                                                TLS 1.3, client CertificateVerify\0transcript-hash"u8.ToArray();

    [Theory]
    [InlineData(SignatureScheme.ecdsa_secp256r1_sha256)]
    [InlineData(SignatureScheme.ecdsa_secp384r1_sha384)]
    [InlineData(SignatureScheme.ecdsa_secp521r1_sha512)]
    public void Tls13_signatures_are_judged_as_bouncycastle_judges_them(int scheme)
    {
        var (curve, hash) = scheme switch
        {
            SignatureScheme.ecdsa_secp256r1_sha256 => (ECCurve.NamedCurves.nistP256, HashAlgorithmName.SHA256),
            SignatureScheme.ecdsa_secp384r1_sha384 => (ECCurve.NamedCurves.nistP384, HashAlgorithmName.SHA384),
            _ => (ECCurve.NamedCurves.nistP521, HashAlgorithmName.SHA512),
        };
        using var certificate = GoPluginCertificate.Create(curve, hash, "CN=localhost", TimeSpan.FromDays(1));
        using var key = certificate.GetECDsaPrivateKey()!;
        using var stranger = ECDsa.Create(curve);
        var genuine = key.SignData(Content, hash, DSASignatureFormat.Rfc3279DerSequence);
        var foreign = stranger.SignData(Content, hash, DSASignatureFormat.Rfc3279DerSequence);
        var otherContent = key.SignData([.. Content, 1], hash, DSASignatureFormat.Rfc3279DerSequence);

        var ours = new OpenSslVerifiedCertificate(new AutoMtlsCrypto(), certificate.RawData);
        var theirs = new BcTlsCertificate(new BcTlsCrypto(), certificate.RawData);
        foreach (var (signature, expected) in new[] { (genuine, true), (foreign, false), (otherContent, false) })
        {
            Assert.Equal(expected, Verify13(ours, scheme, signature));
            Assert.Equal(expected, Verify13(theirs, scheme, signature));
        }
    }

    [Fact]
    public void Tls12_signatures_over_the_handshake_hash_are_judged_as_bouncycastle_judges_them()
    {
        using var certificate = GoPluginCertificate.Create(ECCurve.NamedCurves.nistP521, HashAlgorithmName.SHA512, "CN=localhost", TimeSpan.FromDays(1));
        using var key = certificate.GetECDsaPrivateKey()!;
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP521);
        var hash = SHA512.HashData(Content);
        var algorithm = SignatureAndHashAlgorithm.GetInstance(Org.BouncyCastle.Tls.HashAlgorithm.sha512, SignatureAlgorithm.ecdsa);

        var ours = new OpenSslVerifiedCertificate(new AutoMtlsCrypto(), certificate.RawData);
        var theirs = new BcTlsCertificate(new BcTlsCrypto(), certificate.RawData);
        foreach (var (signature, expected) in new[]
                 {
                     (key.SignHash(hash, DSASignatureFormat.Rfc3279DerSequence), true),
                     (stranger.SignHash(hash, DSASignatureFormat.Rfc3279DerSequence), false),
                 })
        {
            var signed = new DigitallySigned(algorithm, signature);
            Assert.Equal(expected, ours.CreateVerifier(SignatureAlgorithm.ecdsa).VerifyRawSignature(signed, hash));
            Assert.Equal(expected, theirs.CreateVerifier(SignatureAlgorithm.ecdsa).VerifyRawSignature(signed, hash));
        }
    }

    [Fact]
    public void An_rsa_certificate_is_left_to_bouncycastle()
    {
        using var rsa = RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=rsa", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        var verifier = new OpenSslVerifiedCertificate(new AutoMtlsCrypto(), certificate.RawData).CreateVerifier(SignatureScheme.rsa_pss_rsae_sha256);

        Assert.IsNotType<EcdsaTls13Verifier>(verifier);
        var asEcdsa = new OpenSslVerifiedCertificate(new AutoMtlsCrypto(), certificate.RawData);
        Assert.Throws<TlsFatalAlert>(() => { asEcdsa.CreateVerifier(SignatureScheme.ecdsa_secp256r1_sha256); });
    }

    private static bool Verify13(BcTlsCertificate certificate, int scheme, byte[] signature)
    {
        var verifier = certificate.CreateVerifier(scheme);
        using (var output = verifier.Stream)
        {
            // As BouncyCastle's TLS code does: write, close, then verify.
            output.Write(Content);
        }

        return verifier.VerifySignature(signature);
    }
}
