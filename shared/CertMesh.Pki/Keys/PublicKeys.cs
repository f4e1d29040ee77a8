using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CertMesh.Pki;

/// <summary>
/// Reads a <see cref="PublicKey"/> (from a CSR or certificate) as a <see cref="KeySpec"/> and a canonical
/// SubjectPublicKeyInfo: the encoding .NET itself exports, so byte comparison with a private key works.
/// </summary>
internal static class PublicKeys
{
    public const string RsaOid = "1.2.840.113549.1.1.1";

    public static (KeySpec Spec, byte[] SubjectPublicKeyInfo) Read(PublicKey publicKey)
    {
        switch (publicKey.Oid.Value)
        {
            case RsaOid:
                using (RSA rsa = publicKey.GetRSAPublicKey() ?? throw new PkiException("The RSA public key is malformed."))
                {
                    return (new KeySpec(KeyAlgorithm.Rsa, rsa.KeySize), rsa.ExportSubjectPublicKeyInfo());
                }

            case EcCurves.EcPublicKeyOid:
                int size = EcCurveSize(publicKey);
                // An uncompressed point with a named curve is already what ECDsa exports; anything else is re-encoded.
                if (publicKey.EncodedKeyValue.RawData is [0x04, ..])
                {
                    return (new KeySpec(KeyAlgorithm.Ecdsa, size), publicKey.ExportSubjectPublicKeyInfo());
                }

                using (ECDsa ecdsa = publicKey.GetECDsaPublicKey() ?? throw new PkiException("The ECDSA public key is malformed."))
                {
                    return (new KeySpec(KeyAlgorithm.Ecdsa, size), ecdsa.ExportSubjectPublicKeyInfo());
                }

            default:
                throw new PkiException(
                    $"Public key algorithm {publicKey.Oid.Value} is not supported ({KeySpec.SupportedList}).");
        }
    }

    /// <summary>True when <paramref name="publicKey"/> is the public half of the key whose SPKI is given.</summary>
    public static bool Matches(PublicKey publicKey, ReadOnlySpan<byte> subjectPublicKeyInfo)
    {
        if (publicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(subjectPublicKeyInfo))
        {
            return true;
        }

        // Different bytes may still be the same key (compressed point, missing NULL parameters): compare re-exports.
        using AsymmetricAlgorithm? imported = publicKey.Oid.Value switch
        {
            RsaOid => publicKey.GetRSAPublicKey(),
            EcCurves.EcPublicKeyOid => publicKey.GetECDsaPublicKey(),
            _ => null,
        };
        return imported is not null && imported.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(subjectPublicKeyInfo);
    }

    private static int EcCurveSize(PublicKey publicKey)
    {
        string curveOid;
        try
        {
            byte[] parameters = publicKey.EncodedParameters?.RawData ?? [];
            curveOid = AsnDecoder.ReadObjectIdentifier(parameters, AsnEncodingRules.DER, out int read);
            if (read != parameters.Length)
            {
                throw new AsnContentException();
            }
        }
        catch (AsnContentException e)
        {
            throw new PkiException("The ECDSA public key does not name its curve (explicit curve parameters are not supported).", e);
        }

        return EcCurves.SizeForOid(curveOid)
            ?? throw new PkiException($"ECDSA curve {curveOid} is not supported ({KeySpec.SupportedList}).");
    }
}
