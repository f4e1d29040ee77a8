using System.Text.Json;
using CertMesh.Contracts;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Database;

namespace CertMesh.Edge.Certificates;

/// <summary>
/// What reconciling the routes' Certificates with the stored ones takes (ingress-shim's sync): issue every desired
/// Certificate that is missing or differs from what is stored, delete every owned one no route asks for any more, and
/// leave alone a Certificate of the same name the Edge does not own (someone else wrote it; overwriting it would
/// take it from them). Owned means carrying <see cref="RouteAnnotations.OwnerLabel"/>.
/// </summary>
internal sealed record ReconcilePlan(IReadOnlyList<RouteCertificate> Issue, IReadOnlyList<string> Delete, IReadOnlyList<RouteCertificate> NotOwned)
{
    public bool IsEmpty => Issue.Count == 0 && Delete.Count == 0 && NotOwned.Count == 0;

    /// <param name="stored">the Certificates in the Edge's namespace, owned or not.</param>
    public static ReconcilePlan Decide(IReadOnlyList<RouteCertificate> desired, IReadOnlyList<Certificate> stored)
    {
        var byName = stored.ToDictionary(c => c.Metadata.Name, StringComparer.Ordinal);
        var issue = new List<RouteCertificate>();
        var notOwned = new List<RouteCertificate>();
        foreach (var certificate in desired)
        {
            if (!byName.TryGetValue(certificate.Name, out var current))
                issue.Add(certificate);
            else if (!IsOwned(current))
                notOwned.Add(certificate);
            else if (!Same(current, certificate.Command))
                issue.Add(certificate);
        }
        var wanted = desired.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var delete = stored.Where(c => IsOwned(c) && !wanted.Contains(c.Metadata.Name)).Select(c => c.Metadata.Name).ToList();
        return new ReconcilePlan(issue, delete, notOwned);
    }

    public static bool IsOwned(Certificate certificate) =>
        certificate.Metadata.Labels?.ContainsKey(RouteAnnotations.OwnerLabel) == true;

    /// <summary>The comparison Trigger's admission makes, so "same" here means "Trigger would change nothing".</summary>
    static bool Same(Certificate current, IssueCertificate command) =>
        SameJson(current.Spec, command.Spec)
        && SameJson(current.Metadata.Labels, command.Labels)
        && SameJson(current.Metadata.Annotations, command.Annotations)
        && current.SuppliedCsr is null;

    static bool SameJson<T>(T a, T b) =>
        JsonSerializer.Serialize(a, Json.Options) == JsonSerializer.Serialize(b, Json.Options);
}
