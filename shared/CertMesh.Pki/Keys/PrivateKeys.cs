using System.Security.Cryptography;

namespace CertMesh.Pki;

/// <summary>Generates, describes, compares and PEM-encodes private keys.</summary>
public static class PrivateKeys
{
    /// <summary>A fresh key for a supported <paramref name="spec"/>; the caller owns (and disposes) it.</summary>
    public static AsymmetricAlgorithm Generate(KeySpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!KeySpec.IsSupported(spec))
        {
            throw new PkiException($"Key spec {spec} is not supported ({KeySpec.SupportedList}).");
        }

        return spec.Algorithm == KeyAlgorithm.Rsa
            ? RSA.Create(spec.Size)
            : ECDsa.Create(EcCurves.ForSize(spec.Size));
    }

    /// <summary>
    /// PEM text ending in a newline: PKCS#1 gives "RSA PRIVATE KEY" or "EC PRIVATE KEY" (SEC 1, as openssl and
    /// cert-manager write it), PKCS#8 gives "PRIVATE KEY".
    /// </summary>
    public static string ToPem(AsymmetricAlgorithm key, KeyEncoding encoding)
    {
        ArgumentNullException.ThrowIfNull(key);
        EnsureSupportedType(key);
        return Export(() => (key, encoding) switch
        {
            (_, KeyEncoding.Pkcs8) => key.ExportPkcs8PrivateKeyPem(),
            (RSA rsa, KeyEncoding.Pkcs1) => rsa.ExportRSAPrivateKeyPem(),
            (ECDsa ecdsa, KeyEncoding.Pkcs1) => ecdsa.ExportECPrivateKeyPem(),
            _ => throw new PkiException($"Key encoding {encoding} is not supported for {KeyTypeName(key)} keys."),
        }) + "\n";
    }

    /// <summary>Unencrypted PKCS#8 DER (what ACME account keys and PKCS#12 bags carry).</summary>
    public static byte[] ToPkcs8Der(AsymmetricAlgorithm key)
    {
        ArgumentNullException.ThrowIfNull(key);
        EnsureSupportedType(key);
        return Export(key.ExportPkcs8PrivateKey);
    }

    /// <summary>Reads the first "RSA PRIVATE KEY", "EC PRIVATE KEY" or "PRIVATE KEY" block in <paramref name="pem"/>.</summary>
    public static AsymmetricAlgorithm FromPem(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        return PrivateKeyPemReader.Read(pem);
    }

    /// <summary>The algorithm and size of <paramref name="key"/>; ECDSA keys on non-NIST curves are rejected.</summary>
    public static KeySpec Describe(AsymmetricAlgorithm key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key switch
        {
            RSA rsa => new KeySpec(KeyAlgorithm.Rsa, rsa.KeySize),
            ECDsa ecdsa => new KeySpec(
                KeyAlgorithm.Ecdsa,
                EcCurves.SizeOf(ecdsa.ExportParameters(includePrivateParameters: false).Curve)
                    ?? throw new PkiException($"The ECDSA key's curve is not supported ({KeySpec.SupportedList}).")),
            _ => throw new PkiException($"{KeyTypeName(key)} keys are not supported (RSA or ECDSA)."),
        };
    }

    /// <summary>True when both keys have the same SubjectPublicKeyInfo (so a public key or a key pair compares to either).</summary>
    public static bool PublicKeysEqual(AsymmetricAlgorithm a, AsymmetricAlgorithm b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(b.ExportSubjectPublicKeyInfo());
    }

    internal static void EnsureSupportedType(AsymmetricAlgorithm key)
    {
        if (key is not (RSA or ECDsa))
        {
            throw new PkiException($"{KeyTypeName(key)} keys are not supported (RSA or ECDSA).");
        }
    }

    internal static string KeyTypeName(AsymmetricAlgorithm key) => key.GetType().Name;

    private static T Export<T>(Func<T> export)
    {
        try
        {
            return export();
        }
        catch (CryptographicException e)
        {
            // E.g. a non-exportable hardware key. The platform message names no key material.
            throw new PkiException("The private key cannot be exported.", e);
        }
    }
}
