using System.Security.Cryptography;
using Org.BouncyCastle.Tls.Crypto;

namespace Immutable.Sdk.Hosting.Tls;

/// <summary>
/// Checks a TLS 1.3 CertificateVerify: BouncyCastle writes the signed content (the 64 spaces, the
/// context string and the transcript hash, ~130 bytes) to <see cref="Stream"/>, then hands over the
/// DER-encoded ECDSA signature. BouncyCastle closes the stream before that; a closed
/// <see cref="MemoryStream"/> still gives its bytes through <see cref="MemoryStream.ToArray"/>.
/// </summary>
internal sealed class EcdsaTls13Verifier(ECDsa key, HashAlgorithmName hash) : Tls13Verifier
{
    private readonly MemoryStream _content = new();

    public Stream Stream => _content;

    public bool VerifySignature(byte[] signature)
    {
        using (key)
        {
            return key.VerifyData(_content.ToArray(), signature, hash, DSASignatureFormat.Rfc3279DerSequence);
        }
    }
}
