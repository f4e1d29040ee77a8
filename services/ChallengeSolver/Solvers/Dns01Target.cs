using CertMesh.Domain.Resources;

namespace CertMesh.ChallengeSolver.Solvers;

/// <summary>Where a DNS-01 challenge's TXT value goes: the record name and its zone, both absolute (<c>example.test.</c>).</summary>
internal sealed record Dns01Target(string Fqdn, string Zone)
{
    /// <summary>What the Challenge's status records, or null before it was resolved (or for HTTP-01).</summary>
    public static Dns01Target? Of(Challenge challenge) =>
        challenge.Status is { ResolvedFqdn: { Length: > 0 } fqdn, ResolvedZone: { Length: > 0 } zone } ? new Dns01Target(fqdn, zone) : null;

    public override string ToString() => $"TXT at {Fqdn} in zone {Zone}";
}
