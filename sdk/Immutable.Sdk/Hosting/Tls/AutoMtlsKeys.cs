using Org.BouncyCastle.Crypto;

namespace Immutable.Sdk.Hosting.Tls;

/// <summary>The key material of AutoMTLS in BouncyCastle's form, made once per process.</summary>
internal sealed record AutoMtlsKeys(
    byte[] ServerCertificateDer,
    AsymmetricKeyParameter ServerPrivateKey,
    byte[] ClientCertificateDer,
    DateTime ClientNotBefore,
    DateTime ClientNotAfter);
