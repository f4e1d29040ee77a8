namespace CertMesh.Acme.Jws;

/// <summary>The JWS algorithms an ACME account key can sign with.</summary>
public enum AccountKeyType
{
    /// <summary>ECDSA P-256 with SHA-256: small, fast, accepted by every ACME CA, so the default.</summary>
    ES256,
    ES384,
    RS256,
}
