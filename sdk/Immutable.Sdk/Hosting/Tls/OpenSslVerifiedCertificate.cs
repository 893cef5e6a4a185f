using System.Security.Cryptography;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace Immutable.Sdk.Hosting.Tls;

/// <summary>
/// A peer certificate whose ECDSA signatures are checked by OpenSSL (.NET's <see cref="ECDsa"/>) rather
/// than BouncyCastle's managed arithmetic. The checks BouncyCastle makes first stay its own: the key
/// usage allows signing and the key is an EC key. Other algorithms go to BouncyCastle unchanged.
/// </summary>
internal sealed class OpenSslVerifiedCertificate(BcTlsCrypto crypto, byte[] encoding) : BcTlsCertificate(crypto, encoding)
{
    /// <summary>TLS 1.3: the scheme names the hash.</summary>
    public override Tls13Verifier CreateVerifier(int signatureScheme)
    {
        var hash = signatureScheme switch
        {
            SignatureScheme.ecdsa_secp256r1_sha256 => HashAlgorithmName.SHA256,
            SignatureScheme.ecdsa_secp384r1_sha384 => HashAlgorithmName.SHA384,
            SignatureScheme.ecdsa_secp521r1_sha512 => HashAlgorithmName.SHA512,
            _ => (HashAlgorithmName?)null,
        };
        if (hash is null)
        {
            return base.CreateVerifier(signatureScheme);
        }

        ValidateKeyUsage(KeyUsage.DigitalSignature);
        return new EcdsaTls13Verifier(PublicKey(), hash.Value);
    }

    /// <summary>TLS 1.2: BouncyCastle hashes the handshake with the algorithm the client chose and passes the hash.</summary>
    public override TlsVerifier CreateVerifier(short signatureAlgorithm)
    {
        if (signatureAlgorithm != SignatureAlgorithm.ecdsa)
        {
            return base.CreateVerifier(signatureAlgorithm);
        }

        ValidateKeyUsage(KeyUsage.DigitalSignature);
        return new EcdsaTls12Verifier(PublicKey());
    }

    /// <summary>The certificate's key for OpenSSL, after BouncyCastle's own check that it is an EC key.</summary>
    private ECDsa PublicKey()
    {
        GetPubKeyEC();
        var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(SubjectPublicKeyInfo.GetEncoded(), out _);
            return key;
        }
        catch (CryptographicException ex)
        {
            key.Dispose();
            throw new TlsFatalAlert(AlertDescription.unsupported_certificate, "the certificate's EC key is not one OpenSSL accepts", ex);
        }
    }
}
