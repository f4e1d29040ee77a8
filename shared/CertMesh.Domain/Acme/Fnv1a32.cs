namespace CertMesh.Domain.Acme;

/// <summary>
/// 32-bit FNV-1a: a short, stable, non-cryptographic digest for resource names (collisions only matter between
/// orders of one request or challenges of one order, where the inputs differ by URL and token).
/// </summary>
public static class Fnv1a32
{
    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;

    public static uint Hash(ReadOnlySpan<byte> data)
    {
        var hash = OffsetBasis;
        foreach (var b in data)
        {
            hash ^= b;
            hash *= Prime;
        }
        return hash;
    }
}
