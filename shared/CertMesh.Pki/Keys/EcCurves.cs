using System.Security.Cryptography;

namespace CertMesh.Pki;

/// <summary>Maps the three NIST curves CertMesh supports to key sizes and back.</summary>
internal static class EcCurves
{
    public const string EcPublicKeyOid = "1.2.840.10045.2.1";
    public const string P256Oid = "1.2.840.10045.3.1.7";
    public const string P384Oid = "1.3.132.0.34";
    public const string P521Oid = "1.3.132.0.35";

    public static ECCurve ForSize(int size) => size switch
    {
        256 => ECCurve.NamedCurves.nistP256,
        384 => ECCurve.NamedCurves.nistP384,
        521 => ECCurve.NamedCurves.nistP521,
        _ => throw new PkiException($"ECDSA key size {size} is not supported (256, 384 or 521)."),
    };

    /// <summary>256, 384 or 521 for a NIST curve OID; null for any other curve.</summary>
    public static int? SizeForOid(string? oid) => oid switch
    {
        P256Oid => 256,
        P384Oid => 384,
        P521Oid => 521,
        _ => null,
    };

    /// <summary>The size of a named NIST curve, by OID or (when a platform reports only a name) by friendly name.</summary>
    public static int? SizeOf(ECCurve curve)
    {
        if (!curve.IsNamed || curve.Oid is null)
        {
            return null;
        }

        return SizeForOid(curve.Oid.Value) ?? curve.Oid.FriendlyName switch
        {
            "nistP256" or "ECDSA_P256" or "prime256v1" or "secp256r1" => 256,
            "nistP384" or "ECDSA_P384" or "secp384r1" => 384,
            "nistP521" or "ECDSA_P521" or "secp521r1" => 521,
            _ => null,
        };
    }
}
