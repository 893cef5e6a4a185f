using System.Security.Cryptography;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;

namespace Immutable.Sdk.Hosting.Tls;

/// <summary>
/// Checks a TLS 1.2 ECDSA signature over the hash BouncyCastle computed. No stream verifier: with
/// none, BouncyCastle hashes the handshake itself and calls <see cref="VerifyRawSignature"/>.
/// </summary>
internal sealed class EcdsaTls12Verifier(ECDsa key) : TlsVerifier
{
    public TlsStreamVerifier? GetStreamVerifier(DigitallySigned digitallySigned) => null;

    public bool VerifyRawSignature(DigitallySigned digitallySigned, byte[] hash)
    {
        ArgumentNullException.ThrowIfNull(digitallySigned);
        using (key)
        {
            var algorithm = digitallySigned.Algorithm;
            if (algorithm is not null && algorithm.Signature != SignatureAlgorithm.ecdsa)
            {
                throw new InvalidOperationException("Invalid algorithm: " + algorithm);
            }

            return key.VerifyHash(hash, digitallySigned.Signature, DSASignatureFormat.Rfc3279DerSequence);
        }
    }
}
