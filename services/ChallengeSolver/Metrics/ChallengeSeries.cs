using System.Text;
using System.Text.Json;
using CertMesh.Domain.Resources;
using CertMesh.Hosting.Metrics;
using CertMesh.Hosting.Metrics.Resources;

namespace CertMesh.ChallengeSolver.Metrics;

/// <summary>
/// cert-manager's <c>certmanager_certificate_challenge_status{status,domain,reason,processing,name,namespace,type}</c>:
/// one series per Challenge and state (ready, valid, errored, expired, invalid, processing, unknown as "", pending),
/// 1 for the current state. Exported by ChallengeSolver, the owner of Challenges.
/// </summary>
public sealed class ChallengeSeries : ResourceSeries<ChallengeSeries.Row>
{
    static readonly string[] States = ["ready", "valid", "errored", "expired", "invalid", "processing", "", "pending"];
    static readonly string[] StateLabels = States.Select(s => MetricText.Labels(("status", s))).ToArray();
    const int UnknownState = 6;
    // As cert-manager does: ACME error text can be long (even an HTML page); the label stays bounded and printable.
    const int MaxReasonLength = 256;

    public override IReadOnlyCollection<string> Kinds { get; } = [ResourceKinds.Challenge];

    public override string Projection => """
        jsonb_build_object(
            'domain', doc #>> '{spec,dnsName}',
            'type', doc #>> '{spec,type}',
            'state', doc #>> '{status,state}',
            'reason', doc #>> '{status,reason}',
            'processing', coalesce(doc #> '{status,processing}', 'false'::jsonb))
        """;

    protected override Row Project(ResourceName resource, JsonElement projected)
    {
        var state = Array.IndexOf(States, Text(projected, "state")) is var index and >= 0 ? index : UnknownState;
        var processing = projected.TryGetProperty("processing", out var value) && value.ValueKind == JsonValueKind.True;
        var labels = MetricText.Labels(
            ("domain", Text(projected, "domain")),
            ("reason", Bounded(Text(projected, "reason"))),
            ("processing", processing ? "true" : "false"),
            ("name", resource.Name),
            ("namespace", resource.Namespace),
            ("type", Text(projected, "type")));
        return new Row(labels, (byte)state);
    }

    public override void Write(MetricText text, DateTimeOffset now)
    {
        if (Count == 0)
            return;
        const string name = "certmanager_certificate_challenge_status";
        text.Family(name, "gauge", "The status of certificate challenges");
        foreach (var row in Rows)
            for (var state = 0; state < States.Length; state++)
                text.Sample(name, StateLabels[state], row.Labels, null, row.State == state ? 1 : 0);
    }

    static string Bounded(string reason)
    {
        var builder = new StringBuilder(Math.Min(reason.Length, MaxReasonLength));
        foreach (var c in reason)
        {
            if (builder.Length >= MaxReasonLength)
                break;
            builder.Append(char.IsControl(c) ? ' ' : c);
        }
        return builder.ToString();
    }

    public sealed record Row(string Labels, byte State);
}
