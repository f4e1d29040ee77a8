using System.Collections.Frozen;

namespace CertMesh.Edge.Tls;

/// <summary>
/// An immutable host → certificate map, rebuilt whole on every change and swapped in one reference write, so a
/// handshake reads one consistent version without a lock. A name is looked up exactly first, then as the
/// single-label wildcard that covers it (<c>a.example.test</c> → <c>*.example.test</c>, never <c>a.b.example.test</c>).
/// When two Secrets name the same host, the newer certificate (latest notBefore) wins.
/// </summary>
internal sealed class HostIndex
{
    public static readonly HostIndex Empty = new([]);

    readonly FrozenDictionary<string, ServedCertificate>.AlternateLookup<ReadOnlySpan<char>> _exact;
    // Wildcards keyed by what follows "*.": the lookup slices the name after its first label, allocating nothing.
    readonly FrozenDictionary<string, ServedCertificate>.AlternateLookup<ReadOnlySpan<char>> _wildcards;

    public HostIndex(IEnumerable<ServedCertificate> certificates)
    {
        var exact = new Dictionary<string, ServedCertificate>(StringComparer.OrdinalIgnoreCase);
        var wildcards = new Dictionary<string, ServedCertificate>(StringComparer.OrdinalIgnoreCase);
        foreach (var certificate in certificates)
        {
            foreach (var host in certificate.Hosts)
            {
                var (map, key) = host.StartsWith("*.", StringComparison.Ordinal) ? (wildcards, host[2..]) : (exact, host);
                if (!map.TryGetValue(key, out var other) || Prefer(certificate, other))
                    map[key] = certificate;
            }
        }
        _exact = exact.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        _wildcards = wildcards.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public bool TryGet(ReadOnlySpan<char> host, out ServedCertificate certificate)
    {
        host = host.TrimEnd('.');
        if (host.IsEmpty)
        {
            certificate = null!;
            return false;
        }
        if (_exact.TryGetValue(host, out certificate!))
            return true;
        var dot = host.IndexOf('.');
        return dot > 0 && dot < host.Length - 1 && _wildcards.TryGetValue(host[(dot + 1)..], out certificate!);
    }

    static bool Prefer(ServedCertificate candidate, ServedCertificate current) =>
        candidate.NotBefore != current.NotBefore
            ? candidate.NotBefore > current.NotBefore
            : string.CompareOrdinal(candidate.Source, current.Source) < 0;
}
