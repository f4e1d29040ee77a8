using System.Text.Json;
using CertMesh.Domain.Resources;
using CertMesh.Hosting.Metrics;
using CertMesh.Hosting.Metrics.Resources;

namespace CertMesh.Trigger.Metrics;

/// <summary>
/// cert-manager's <c>certmanager_issuer_ready_status{name,namespace,condition}</c> and
/// <c>certmanager_clusterissuer_ready_status{name,condition}</c>: three series per issuer, 1 for its Ready status.
/// </summary>
public sealed class IssuerSeries : ResourceSeries<IssuerSeries.Row>
{
    static readonly string[] Conditions = ["True", "False", "Unknown"];
    static readonly string[] ConditionLabels = Conditions.Select(c => MetricText.Labels(("condition", c))).ToArray();

    public override IReadOnlyCollection<string> Kinds { get; } = [ResourceKinds.Issuer, ResourceKinds.ClusterIssuer];

    public override string Projection =>
        "jsonb_build_object('issuerReady', (SELECT c ->> 'status' FROM jsonb_array_elements(doc #> '{status,conditions}') c WHERE c ->> 'type' = 'Ready' LIMIT 1))";

    protected override Row Project(ResourceName resource, JsonElement projected)
    {
        var ready = Array.IndexOf(Conditions, Text(projected, "issuerReady")) is var index and >= 0 ? index : 2;
        var cluster = resource.Kind == ResourceKinds.ClusterIssuer;
        var labels = cluster
            ? MetricText.Labels(("name", resource.Name))
            : MetricText.Labels(("name", resource.Name), ("namespace", resource.Namespace));
        return new Row(cluster, labels, (byte)ready);
    }

    public override void Write(MetricText text, DateTimeOffset now)
    {
        if (Count == 0)
            return;
        WriteFamily(text, "certmanager_issuer_ready_status", "The ready status of the Issuer.", cluster: false);
        WriteFamily(text, "certmanager_clusterissuer_ready_status", "The ready status of the ClusterIssuer.", cluster: true);
    }

    void WriteFamily(MetricText text, string name, string help, bool cluster)
    {
        text.Family(name, "gauge", help);
        foreach (var row in Rows)
            if (row.Cluster == cluster)
                for (var condition = 0; condition < Conditions.Length; condition++)
                    text.Sample(name, row.Labels, ConditionLabels[condition], null, row.Ready == condition ? 1 : 0);
    }

    public sealed record Row(bool Cluster, string Labels, byte Ready);
}
