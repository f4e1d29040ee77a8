using System.Security.Cryptography;

namespace CertMesh.Acme.Jws;

/// <summary>RFC 7638 JWK thumbprint with SHA-256, base64url-encoded (what ACME key authorizations use).</summary>
public static class JwkThumbprint
{
    public static string Compute(JsonWebKey jwk)
    {
        ArgumentNullException.ThrowIfNull(jwk);
        return Base64Url.Encode(SHA256.HashData(jwk.ToCanonicalJson()));
    }
}
