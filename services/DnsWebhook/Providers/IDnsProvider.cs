namespace CertMesh.DnsWebhook.Providers;

/// <summary>
/// cert-manager's DNS solver edge: add or remove one TXT value. Both are idempotent (presenting twice leaves one value,
/// cleaning up an absent value succeeds). Failures are <see cref="Changes.DnsChangeException"/> with reason and retryability.
/// </summary>
internal interface IDnsProvider
{
    /// <summary>For people: <c>rfc2136 127.0.0.1:5354</c>, <c>webhook acme.imroc.cc/dnspod</c>.</summary>
    string Describe { get; }

    Task PresentAsync(DnsChallenge challenge, CancellationToken cancellationToken);

    Task CleanUpAsync(DnsChallenge challenge, CancellationToken cancellationToken);
}
