using CertMesh.Domain.Resources;
using CertMesh.Domain.Validation;
using CertMesh.Hosting.Metrics;
using CertMesh.Hosting.Metrics.Issuance;
using CertMesh.Persistence.Database;
using Prometheus;

namespace CertMesh.Issuing.Metrics;

/// <summary>
/// What cert-manager does not measure: how long an issuance takes from request to <c>CertificateIssued</c>, per
/// issuer type and kind, and why issuances fail. Observed once the unit that publishes the event commits, so a
/// transaction rolled back and retried is counted once, by the attempt that stood.
/// </summary>
public sealed class IssuanceMetrics(CertMeshMetrics metrics)
{
    // From an in-process CA signature (tens of milliseconds) to an ACME order whose DNS takes minutes to propagate.
    static readonly double[] Buckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 900];

    readonly Histogram _duration = metrics.Factory.CreateHistogram("certmesh_issuance_duration_seconds",
        "Seconds from a revision's request (Trigger) to its CertificateIssued, by issuer type, kind and group.",
        ["issuer_type", "issuer_kind", "issuer_group"], new HistogramConfiguration { Buckets = Buckets });

    readonly Counter _failures = metrics.Factory.CreateCounter("certmesh_issuance_failures_total",
        "Issuance attempts that ended in CertificateIssuanceFailed, by issuer type and reason code.",
        ["issuer_type", "reason"]);

    public void Issued(UnitOfWork unit, Certificate certificate, string issuerType, DateTimeOffset startedAt)
    {
        var seconds = Math.Max(0, (unit.Time.GetUtcNow() - IssuanceLabels.RequestedAt(certificate, startedAt)).TotalSeconds);
        var kind = CertificateDefaults.EffectiveIssuerKind(certificate.Spec.IssuerRef);
        var group = CertificateDefaults.EffectiveIssuerGroup(certificate.Spec.IssuerRef);
        unit.AfterCommit(() => _duration.WithLabels(issuerType, kind, group).Observe(seconds));
    }

    public void Failed(UnitOfWork unit, string issuerType, string reason)
    {
        var label = IssuanceLabels.Reason(reason);
        unit.AfterCommit(() => _failures.WithLabels(issuerType, label).Inc());
    }
}
