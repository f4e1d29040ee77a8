using System.Text.Json;
using CertMesh.Acme.Challenges;
using CertMesh.Dns.Zones;
using CertMesh.Domain.Resources;

namespace CertMesh.ChallengeSolver.Solvers;

/// <summary>
/// Where a DNS-01 challenge's TXT value goes, as cert-manager's challenge controller works it out before calling a
/// DNS provider: <c>_acme-challenge.&lt;dnsName&gt;.</c>, followed to the end of its CNAME chain when the solver's
/// <c>dns01.cnameStrategy</c> is <c>Follow</c>, and the zone that holds that name (SOA walk).
/// </summary>
internal sealed class Dns01Locator(CnameFollower cnames, ZoneFinder zones)
{
    public const string FollowStrategy = "Follow";

    /// <exception cref="DnsLookupException">the recursive nameservers gave no usable answer; retried by the worker.</exception>
    public async Task<Dns01Target> LocateAsync(Challenge challenge, CancellationToken cancellationToken)
    {
        var fqdn = KeyAuthorization.Dns01RecordName(challenge.Spec.DnsName) + ".";
        if (FollowsCnames(challenge.Spec.Solver))
            fqdn = await cnames.FollowAsync(fqdn, cancellationToken);
        var zone = await zones.FindZoneAsync(fqdn, cancellationToken);
        return new Dns01Target(fqdn, zone);
    }

    /// <summary>cert-manager's <c>spec.solver.dns01.cnameStrategy</c>: <c>None</c> (the default) or <c>Follow</c>.</summary>
    internal static bool FollowsCnames(JsonElement? solver) =>
        solver is { ValueKind: JsonValueKind.Object } entry
        && entry.TryGetProperty("dns01", out var dns01) && dns01.ValueKind == JsonValueKind.Object
        && dns01.TryGetProperty("cnameStrategy", out var strategy) && strategy.ValueKind == JsonValueKind.String
        && string.Equals(strategy.GetString(), FollowStrategy, StringComparison.OrdinalIgnoreCase);
}
