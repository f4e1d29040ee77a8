namespace CertMesh.Pki;

/// <summary>The private key algorithms CertMesh issues for (cert-manager's <c>privateKey.algorithm</c>, minus Ed25519).</summary>
public enum KeyAlgorithm
{
    Rsa,
    Ecdsa,
}
