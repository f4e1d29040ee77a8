namespace CertMesh.Edge.Tls;

/// <summary>
/// The certificates this Edge serves, by Secret, and the <see cref="HostIndex"/> handshakes read. Writers (events,
/// the reconcile) serialize on a lock and publish a new index with one reference write; a handshake never waits
/// and sees either the old certificate or the new one, never neither.
/// </summary>
internal sealed class CertificateStore
{
    readonly Lock _gate = new();
    readonly Dictionary<string, Entry> _bySource = new(StringComparer.Ordinal);
    volatile HostIndex _index = HostIndex.Empty;
    long _sequence;

    readonly record struct Entry(ServedCertificate Certificate, long Sequence);

    /// <summary>A number that grows with every change; see <see cref="RemoveUnlisted"/>.</summary>
    public long Sequence
    {
        get { lock (_gate) return _sequence; }
    }

    public bool TryGet(ReadOnlySpan<char> host, out ServedCertificate certificate) => _index.TryGet(host, out certificate);

    /// <summary>Every certificate served now, for logs and tests.</summary>
    public IReadOnlyList<ServedCertificate> Certificates
    {
        get { lock (_gate) return [.. _bySource.Values.Select(e => e.Certificate)]; }
    }

    public long? VersionOf(string source)
    {
        lock (_gate)
            return _bySource.TryGetValue(source, out var entry) ? entry.Certificate.Version : null;
    }

    /// <param name="recreated">the Secret was deleted and written again, so its version started over: replace even a higher one.</param>
    /// <returns>false when memory already holds this Secret at the same or a newer version (nothing changed).</returns>
    public bool Put(ServedCertificate certificate, bool recreated = false)
    {
        lock (_gate)
        {
            if (_bySource.TryGetValue(certificate.Source, out var current)
                && (recreated ? current.Certificate.Version == certificate.Version : current.Certificate.Version >= certificate.Version))
                return false;
            _bySource[certificate.Source] = new Entry(certificate, ++_sequence);
            Publish();
            return true;
        }
    }

    public bool Remove(string source)
    {
        lock (_gate)
        {
            if (!_bySource.Remove(source))
                return false;
            _sequence++;
            Publish();
            return true;
        }
    }

    /// <summary>
    /// Drops the Secrets a listing no longer holds, except those written after <paramref name="listedAtSequence"/>
    /// (an event newer than the listing).
    /// </summary>
    /// <returns>the sources removed.</returns>
    public IReadOnlyList<string> RemoveUnlisted(IReadOnlySet<string> listed, long listedAtSequence)
    {
        lock (_gate)
        {
            var gone = _bySource.Where(e => !listed.Contains(e.Key) && e.Value.Sequence <= listedAtSequence).Select(e => e.Key).ToList();
            foreach (var source in gone)
                _bySource.Remove(source);
            if (gone.Count > 0)
            {
                _sequence++;
                Publish();
            }
            return gone;
        }
    }

    void Publish() => _index = new HostIndex(_bySource.Values.Select(e => e.Certificate));
}
