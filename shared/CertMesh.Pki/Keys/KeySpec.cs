namespace CertMesh.Pki;

/// <summary>An algorithm and size pair: RSA modulus bits, or the ECDSA curve size (256 = P-256, 384 = P-384, 521 = P-521).</summary>
public sealed record KeySpec(KeyAlgorithm Algorithm, int Size)
{
    /// <summary>ECDSA P-256: cheap to generate and sign with, so the CertMesh default.</summary>
    public static KeySpec Default { get; } = new(KeyAlgorithm.Ecdsa, 256);

    /// <summary>RSA 2048/3072/4096 and ECDSA P-256/P-384/P-521.</summary>
    public static bool IsSupported(KeySpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Algorithm switch
        {
            KeyAlgorithm.Rsa => spec.Size is 2048 or 3072 or 4096,
            KeyAlgorithm.Ecdsa => spec.Size is 256 or 384 or 521,
            _ => false,
        };
    }

    /// <summary>"RSA 2048" or "ECDSA P-256": the form used in error messages.</summary>
    public override string ToString() =>
        Algorithm == KeyAlgorithm.Ecdsa ? $"ECDSA P-{Size}" : $"{Algorithm.ToString().ToUpperInvariant()} {Size}";

    internal const string SupportedList = "RSA 2048/3072/4096, ECDSA P-256/P-384/P-521";
}
