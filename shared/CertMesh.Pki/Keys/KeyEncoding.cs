namespace CertMesh.Pki;

/// <summary>How a private key is written to PEM (cert-manager's <c>privateKey.encoding</c>).</summary>
public enum KeyEncoding
{
    /// <summary>"RSA PRIVATE KEY" (PKCS#1) for RSA, "EC PRIVATE KEY" (SEC 1) for ECDSA.</summary>
    Pkcs1,

    /// <summary>"PRIVATE KEY" (PKCS#8, unencrypted).</summary>
    Pkcs8,
}
