using System.Net;
using CertMesh.Dns.Transport;
using CertMesh.Dns.Update;

namespace CertMesh.DnsWebhook.Providers.Rfc2136;

/// <summary>
/// Presents and cleans up one TXT value by RFC 2136 dynamic update at the zone's primary: TSIG-signed through
/// CertMesh.Dns's Rfc2136Client when the solver names a key, unsigned otherwise. Only that value is touched, so the
/// apex and wildcard values of one name (and other orders') coexist. Both go over the transport <c>dns</c>
/// describes (the solver's <c>protocol</c>); the signed client was built with the same options.
/// </summary>
internal sealed class Rfc2136Provider(Nameserver nameserver, IPEndPoint server, Rfc2136Client? signed, DnsClientOptions dns) : IDnsProvider
{
    // cert-manager's rfc2136 provider writes its records with a 60 s TTL.
    const uint Ttl = 60;

    public string Describe { get; } = signed is null ? $"rfc2136 {nameserver} (unsigned)" : $"rfc2136 {nameserver}";

    public Task PresentAsync(DnsChallenge challenge, CancellationToken cancellationToken) =>
        Rfc2136Failures.GuardAsync(signed is null
            ? UnsignedUpdate.AddTxtAsync(server, challenge.ResolvedZone, challenge.ResolvedFqdn, challenge.Key, Ttl, dns, cancellationToken)
            : signed.AddTxtAsync(challenge.ResolvedZone, challenge.ResolvedFqdn, challenge.Key, Ttl, cancellationToken), Describe);

    public Task CleanUpAsync(DnsChallenge challenge, CancellationToken cancellationToken) =>
        Rfc2136Failures.GuardAsync(signed is null
            ? UnsignedUpdate.RemoveTxtAsync(server, challenge.ResolvedZone, challenge.ResolvedFqdn, challenge.Key, dns, cancellationToken)
            : signed.RemoveTxtAsync(challenge.ResolvedZone, challenge.ResolvedFqdn, challenge.Key, cancellationToken), Describe);
}
