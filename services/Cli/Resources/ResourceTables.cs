using System.Text.Json;
using CertMesh.Cli.Output;

namespace CertMesh.Cli.Resources;

/// <summary>
/// The default <c>get</c> table for each kind: cert-manager's printer columns (the <c>-o wide</c> ones only
/// with <c>wide</c>), a NAMESPACE column first across namespaces, AGE last.
/// </summary>
internal static class ResourceTables
{
    private sealed record Column(string Header, Func<JsonElement, DateTimeOffset, string> Value, bool WideOnly = false)
    {
        // Most cells need only the resource; the parameter keeps the primary's name so WideOnly: works for both.
        public Column(string Header, Func<JsonElement, string> Value, bool WideOnly = false) : this(Header, (r, _) => Value(r), WideOnly)
        {
        }
    }

    private static string ConditionStatus(JsonElement r, string type) => r.Condition(type)?.Text("status") ?? "";
    private static string ReadyMessage(JsonElement r) => r.Condition("Ready")?.Text("message") ?? "";

    private static readonly Dictionary<string, Column[]> Columns = new()
    {
        [Kinds.Certificate.Kind] =
        [
            new("READY", r => ConditionStatus(r, "Ready")),
            new("SECRET", r => r.Text("spec", "secretName") ?? ""),
            new("ISSUER", r => r.Text("spec", "issuerRef", "name") ?? "", WideOnly: true),
            new("STATUS", ReadyMessage, WideOnly: true),
        ],
        [Kinds.CertificateRequest.Kind] =
        [
            new("APPROVED", r => ConditionStatus(r, "Approved")),
            new("DENIED", r => ConditionStatus(r, "Denied")),
            new("READY", r => ConditionStatus(r, "Ready")),
            new("ISSUER", r => r.Text("spec", "issuerRef", "name") ?? ""),
            new("REQUESTER", r => r.Text("spec", "username") ?? "", WideOnly: true),
            new("STATUS", ReadyMessage, WideOnly: true),
        ],
        [Kinds.Issuer.Kind] = [new("READY", r => ConditionStatus(r, "Ready")), new("STATUS", ReadyMessage, WideOnly: true)],
        [Kinds.ClusterIssuer.Kind] = [new("READY", r => ConditionStatus(r, "Ready")), new("STATUS", ReadyMessage, WideOnly: true)],
        [Kinds.Order.Kind] =
        [
            new("STATE", r => r.Text("status", "state") ?? ""),
            new("ISSUER", r => r.Text("spec", "issuerRef", "name") ?? "", WideOnly: true),
            new("REASON", r => r.Text("status", "reason") ?? "", WideOnly: true),
        ],
        [Kinds.Challenge.Kind] =
        [
            new("STATE", r => r.Text("status", "state") ?? ""),
            new("DOMAIN", r => r.Text("spec", "dnsName") ?? ""),
            new("REASON", r => r.Text("status", "reason") ?? "", WideOnly: true),
        ],
        // approver-policy's READY column: CertMesh validates a policy when it is applied, so every stored one is ready.
        [Kinds.CertificateRequestPolicy.Kind] = [new("READY", _ => "True")],
        [Kinds.Secret.Kind] =
        [
            new("TYPE", r => r.Text("type") ?? ""),
            new("DATA", r => r.At("data") is { ValueKind: JsonValueKind.Object } d ? d.EnumerateObject().Count().ToString() : "0"),
        ],
        [Kinds.Principal.Kind] =
        [
            new("RABBITMQ USER", r => r.Text("spec", "rabbitmqUser") ?? ""),
            new("TOKENS", (r, now) => AuthColumns.ActiveTokens(r, now).ToString()),
            new("DISABLED", r => r.Text("spec", "disabled") ?? "false"),
            new("DESCRIPTION", r => r.Text("spec", "description") ?? "", WideOnly: true),
        ],
        [Kinds.RoleBinding.Kind] = [new("ROLE", r => r.Text("spec", "role") ?? ""), new("SUBJECTS", AuthColumns.Subjects)],
        [Kinds.ClusterRoleBinding.Kind] = [new("ROLE", r => r.Text("spec", "role") ?? ""), new("SUBJECTS", AuthColumns.Subjects)],
        [Kinds.ClusterIssuerGrant.Kind] =
        [
            new("CLUSTERISSUERS", r => AuthColumns.Joined(r, "clusterIssuers")),
            new("NAMESPACES", r => AuthColumns.Joined(r, "namespaces")),
        ],
        [Kinds.Namespace.Kind] = [new("LABELS", AuthColumns.Labels)],
    };

    public static string Format(KindInfo kind, IReadOnlyList<JsonElement> items, bool allNamespaces, bool wide, DateTimeOffset now)
    {
        var columns = new List<Column>();
        if (allNamespaces && kind.Namespaced) columns.Add(new("NAMESPACE", r => r.Text("metadata", "namespace") ?? ""));
        columns.Add(new("NAME", r => r.Text("metadata", "name") ?? ""));
        columns.AddRange(Columns[kind.Kind].Where(c => wide || !c.WideOnly));
        columns.Add(new("AGE", r => HumanDuration.Age(r.Text("metadata", "creationTimestamp"), now)));
        return Table.Format(
            columns.Select(c => c.Header).ToList(),
            items.Select(item => (IReadOnlyList<string>)columns.Select(c => c.Value(item, now)).ToList()));
    }
}
