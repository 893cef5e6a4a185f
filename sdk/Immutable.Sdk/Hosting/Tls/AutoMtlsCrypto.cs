using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace Immutable.Sdk.Hosting.Tls;

/// <summary>
/// BouncyCastle's TLS crypto with one part moved to OpenSSL: checking the client's ECDSA signature
/// (CertificateVerify). go-plugin's client keys are P-521, and BouncyCastle's managed P-521 verify
/// (with the garbage its arithmetic leaves) was ~9 % of the provider's start-up CPU; OpenSSL, loaded
/// anyway for random numbers and our certificate, does it in a fraction of a millisecond. Everything
/// else (key exchange, our signature, records) stays BouncyCastle's.
/// </summary>
internal sealed class AutoMtlsCrypto : BcTlsCrypto
{
    public override TlsCertificate CreateCertificate(short type, byte[] encoding) =>
        type == CertificateType.X509 ? new OpenSslVerifiedCertificate(this, encoding) : base.CreateCertificate(type, encoding);
}
