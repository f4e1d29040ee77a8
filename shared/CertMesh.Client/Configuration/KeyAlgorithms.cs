namespace CertMesh.Client.Configuration;

/// <summary>The key algorithms and sizes the client generates (the ones CertMesh's issuers accept in a CSR).</summary>
public static class KeyAlgorithms
{
    /// <summary>Elliptic curve (P-256, P-384, P-521). The default: fast to make, small handshakes.</summary>
    public const string Ecdsa = "ECDSA";

    /// <summary>RSA (2048, 3072, 4096 bits), for clients that cannot do ECDSA.</summary>
    public const string Rsa = "RSA";

    internal static readonly int[] EcdsaSizes = [256, 384, 521];
    internal static readonly int[] RsaSizes = [2048, 3072, 4096];

    internal static int DefaultSize(string algorithm) => IsRsa(algorithm) ? 2048 : 256;

    internal static bool IsRsa(string algorithm) => string.Equals(algorithm, Rsa, StringComparison.OrdinalIgnoreCase);

    internal static bool IsEcdsa(string algorithm) => string.Equals(algorithm, Ecdsa, StringComparison.OrdinalIgnoreCase);
}
