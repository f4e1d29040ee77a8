using System.Text.Json;
using CertMesh.Domain.Resources;
using CertMesh.Hosting.Metrics;
using CertMesh.Hosting.Metrics.Resources;

namespace CertMesh.Trigger.Metrics;

/// <summary>
/// cert-manager's per-Certificate series, with its names, label names and values exactly (its
/// <c>internal/collectors/certificate_collector.go</c>): timestamps are Unix seconds, 0 until issued; the Ready
/// condition is three series (True, False, Unknown), 1 for the current status. Exported by Trigger, the owner of
/// Certificates; or, in <see cref="CertificateSeriesMode.Aggregate"/> mode, counts per issuer instead.
/// </summary>
public sealed class CertificateSeries(CertificateSeriesMode mode) : ResourceSeries<CertificateSeries.Row>
{
    static readonly string[] Conditions = ["True", "False", "Unknown"];
    static readonly string[] ConditionLabels = Conditions.Select(c => MetricText.Labels(("condition", c))).ToArray();
    static readonly (string Label, TimeSpan Within)[] ExpiryHorizons =
        [(MetricText.Labels(("within", "1d")), TimeSpan.FromDays(1)), (MetricText.Labels(("within", "7d")), TimeSpan.FromDays(7)), (MetricText.Labels(("within", "30d")), TimeSpan.FromDays(30))];

    public override IReadOnlyCollection<string> Kinds { get; } = [ResourceKinds.Certificate];

    public override string Projection => """
        jsonb_build_object(
            'issuerName', doc #>> '{spec,issuerRef,name}',
            'issuerKind', doc #>> '{spec,issuerRef,kind}',
            'issuerGroup', doc #>> '{spec,issuerRef,group}',
            'ready', (SELECT c ->> 'status' FROM jsonb_array_elements(doc #> '{status,conditions}') c WHERE c ->> 'type' = 'Ready' LIMIT 1),
            'notBefore', extract(epoch FROM (doc #>> '{status,notBefore}')::timestamptz),
            'notAfter', extract(epoch FROM (doc #>> '{status,notAfter}')::timestamptz),
            'renewalTime', extract(epoch FROM (doc #>> '{status,renewalTime}')::timestamptz))
        """;

    protected override Row Project(ResourceName resource, JsonElement projected)
    {
        var issuer = Shared(MetricText.Labels(("issuer_name", Text(projected, "issuerName")), ("issuer_kind", Text(projected, "issuerKind")), ("issuer_group", Text(projected, "issuerGroup"))));
        var ready = Array.IndexOf(Conditions, Text(projected, "ready")) is var index and >= 0 ? index : 2;
        // Aggregate mode never writes a certificate's own labels: not rendering them saves about 100 bytes per Certificate.
        var nameLabels = mode == CertificateSeriesMode.Aggregate ? "" : MetricText.Labels(("name", resource.Name), ("namespace", resource.Namespace));
        return new Row(nameLabels, issuer, (byte)ready,
            Number(projected, "notBefore"), Number(projected, "notAfter"), Number(projected, "renewalTime"));
    }

    public override void Write(MetricText text, DateTimeOffset now)
    {
        if (Count == 0)
            return;
        if (mode == CertificateSeriesMode.Aggregate)
            WriteAggregates(text, now);
        else
            WritePerCertificate(text);
    }

    void WritePerCertificate(MetricText text)
    {
        WriteTimestamps(text, "certmanager_certificate_expiration_timestamp_seconds", "The timestamp after which the certificate expires, expressed in Unix Epoch Time.", row => row.NotAfter);
        WriteTimestamps(text, "certmanager_certificate_not_after_timestamp_seconds", "The timestamp after which the certificate is invalid, expressed as a Unix Epoch Time.", row => row.NotAfter);
        WriteTimestamps(text, "certmanager_certificate_not_before_timestamp_seconds", "The timestamp before which the certificate is invalid, expressed as a Unix Epoch Time.", row => row.NotBefore);
        WriteTimestamps(text, "certmanager_certificate_renewal_timestamp_seconds", "The timestamp after which the certificate should be renewed, expressed in Unix Epoch Time.", row => row.RenewalTime);
        const string ready = "certmanager_certificate_ready_status";
        text.Family(ready, "gauge", "The ready status of the certificate.");
        foreach (var row in Rows)
            for (var condition = 0; condition < Conditions.Length; condition++)
                text.Sample(ready, row.NameLabels, ConditionLabels[condition], row.IssuerLabels, row.Ready == condition ? 1 : 0);
    }

    void WriteTimestamps(MetricText text, string name, string help, Func<Row, double> value)
    {
        text.Family(name, "gauge", help);
        foreach (var row in Rows)
            text.Sample(name, row.NameLabels, row.IssuerLabels, null, value(row));
    }

    /// <summary>One pass over the rows, a handful of series per issuer: the cost of a scrape no longer grows with the fleet's cardinality.</summary>
    void WriteAggregates(MetricText text, DateTimeOffset now)
    {
        var seconds = now.ToUnixTimeSeconds();
        var byIssuer = new Dictionary<string, IssuerTotals>(StringComparer.Ordinal);
        foreach (var row in Rows)
        {
            if (!byIssuer.TryGetValue(row.IssuerLabels, out var totals))
                byIssuer[row.IssuerLabels] = totals = new IssuerTotals();
            totals.Add(row, seconds);
        }

        const string count = "certmesh_certificates";
        text.Family(count, "gauge", "Certificates per issuer and Ready status (aggregate mode, instead of cert-manager's per-certificate series).");
        foreach (var (issuer, totals) in byIssuer)
            for (var condition = 0; condition < Conditions.Length; condition++)
                text.Sample(count, issuer, ConditionLabels[condition], null, totals.ByCondition[condition]);

        const string expiring = "certmesh_certificates_expiring";
        text.Family(expiring, "gauge", "Issued certificates per issuer that expire within 1d, 7d or 30d from now (expired ones included).");
        foreach (var (issuer, totals) in byIssuer)
            for (var horizon = 0; horizon < ExpiryHorizons.Length; horizon++)
                text.Sample(expiring, issuer, ExpiryHorizons[horizon].Label, null, totals.Expiring[horizon]);

        const string overdue = "certmesh_certificates_renewal_overdue";
        text.Family(overdue, "gauge", "Certificates per issuer whose renewal time has passed (renewal not done yet).");
        foreach (var (issuer, totals) in byIssuer)
            text.Sample(overdue, issuer, totals.Overdue);

        const string earliest = "certmesh_certificate_expiration_earliest_timestamp_seconds";
        text.Family(earliest, "gauge", "The earliest expiry among the issuer's issued certificates, in Unix Epoch Time (0 when none is issued).");
        foreach (var (issuer, totals) in byIssuer)
            text.Sample(earliest, issuer, totals.EarliestNotAfter);
    }

    sealed class IssuerTotals
    {
        public readonly long[] ByCondition = new long[Conditions.Length];
        public readonly long[] Expiring = new long[ExpiryHorizons.Length];
        public long Overdue;
        public double EarliestNotAfter;

        public void Add(Row row, long now)
        {
            ByCondition[row.Ready]++;
            if (row.NotAfter > 0)
            {
                for (var horizon = 0; horizon < ExpiryHorizons.Length; horizon++)
                    if (row.NotAfter - now < ExpiryHorizons[horizon].Within.TotalSeconds)
                        Expiring[horizon]++;
                EarliestNotAfter = EarliestNotAfter == 0 ? row.NotAfter : Math.Min(EarliestNotAfter, row.NotAfter);
            }
            if (row.RenewalTime > 0 && row.RenewalTime < now)
                Overdue++;
        }
    }

    /// <summary>About 200 bytes per Certificate: its two rendered label sets, the Ready status index and three timestamps.</summary>
    public sealed record Row(string NameLabels, string IssuerLabels, byte Ready, double NotBefore, double NotAfter, double RenewalTime);
}
