using System.Collections.Concurrent;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Database;

namespace CertMesh.Edge.Tls;

/// <summary>
/// Reads certificate Secrets of the Edge's TLS namespaces from PostgreSQL into the <see cref="CertificateStore"/>:
/// one Secret when an event names it, or a reconcile that lists versions (metadata only, nothing decrypted) and
/// reads just the Secrets whose version memory does not hold. A Secret that cannot be served is logged once per
/// version, with why, and skipped.
/// </summary>
internal sealed partial class CertificateLoader(CertMeshDatabase database, CertificateStore store, TlsOptions options, ILogger<CertificateLoader> logger)
{
    // Secrets skipped at a version: not read, decrypted or logged again until they change.
    readonly ConcurrentDictionary<string, long> _skipped = new(StringComparer.Ordinal);

    public bool Serves(string @namespace) => options.Namespaces.Contains(@namespace);

    /// <summary>Reads one Secret and serves it (or stops serving it when it is gone).</summary>
    public async Task LoadAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        var stored = await database.RunAsync(unit => unit.Secrets.GetAsync(@namespace, name, cancellationToken), cancellationToken);
        var source = ServedCertificate.SourceOf(@namespace, name);
        if (stored is null)
        {
            Forget(source, "its Secret no longer exists");
            return;
        }
        Apply(stored.Document, stored.ResourceVersion, recreated: false);
    }

    public void Forget(string source, string why)
    {
        _skipped.TryRemove(source, out _);
        if (store.Remove(source))
            LogRemoved(source, why);
    }

    /// <summary>Makes memory equal to the Secrets table for the TLS namespaces; events that arrived meanwhile win.</summary>
    public async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        var listedAt = store.Sequence;
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var @namespace in options.Namespaces)
        {
            var secrets = await database.RunAsync(unit => unit.Secrets.ListMetadataAsync(@namespace, cancellationToken), cancellationToken);
            foreach (var secret in secrets)
            {
                if (secret.Metadata.Annotations?.ContainsKey(SecretAnnotations.CertificateName) != true)
                    continue; // not a Certificate's Secret
                var source = ServedCertificate.SourceOf(@namespace, secret.Metadata.Name);
                listed.Add(source);
                var version = secret.Metadata.ResourceVersion;
                var inMemory = store.VersionOf(source);
                if (inMemory == version || (_skipped.TryGetValue(source, out var skipped) && skipped == version))
                    continue;
                var stored = await database.RunAsync(unit => unit.Secrets.GetAsync(@namespace, secret.Metadata.Name, cancellationToken), cancellationToken);
                if (stored is not null)
                    Apply(stored.Document, stored.ResourceVersion, recreated: inMemory > stored.ResourceVersion);
            }
        }
        foreach (var source in store.RemoveUnlisted(listed, listedAt))
            LogRemoved(source, "its Secret no longer exists");
        foreach (var source in _skipped.Keys.Where(s => !listed.Contains(s)))
            _skipped.TryRemove(source, out _);
    }

    void Apply(Secret secret, long version, bool recreated)
    {
        var source = ServedCertificate.SourceOf(secret.Metadata.Namespace, secret.Metadata.Name);
        var certificate = ServedCertificateFactory.TryCreate(secret, version, out var reason);
        if (certificate is null)
        {
            if (!_skipped.TryGetValue(source, out var skipped) || skipped != version)
                LogSkipped(source, version, reason);
            _skipped[source] = version;
            // A revision that cannot be served does not take down the previous one: clients keep a valid certificate.
            return;
        }
        _skipped.TryRemove(source, out _);
        if (store.Put(certificate, recreated))
            LogServing(source, version, string.Join(",", certificate.Hosts), certificate.SerialNumber, certificate.NotAfter);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "TLS: serving Secret {Source} (version {Version}) for {Hosts}: serial {Serial}, notAfter {NotAfter:O}")]
    partial void LogServing(string source, long version, string hosts, string serial, DateTimeOffset notAfter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "TLS: Secret {Source} (version {Version}) is not served: {Reason}")]
    partial void LogSkipped(string source, long version, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "TLS: no longer serving Secret {Source}: {Reason}")]
    partial void LogRemoved(string source, string reason);
}
