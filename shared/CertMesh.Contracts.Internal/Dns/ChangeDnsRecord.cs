namespace CertMesh.Contracts.Dns;

/// <summary>
/// ChallengeSolver asks DnsWebhook to add (<see cref="DnsRecordActions.Present"/>) or remove
/// (<see cref="DnsRecordActions.CleanUp"/>) one TXT value for a DNS-01 challenge, as cert-manager's webhook
/// <c>ChallengePayload</c> does. Only that value is touched: other values at the same name (the apex and the
/// wildcard challenge of one name, another order's) stay. Answered with <see cref="DnsRecordChanged"/> or
/// <see cref="DnsRecordChangeFailed"/>; safe to send again (a present value is not added twice, a missing one is
/// not an error to remove).
/// </summary>
public sealed record ChangeDnsRecord
{
    /// <summary>The Challenge's uid; the webhook payload's <c>uid</c>.</summary>
    public Guid Uid { get; init; }
    public string Action { get; init; } = "";

    /// <summary>The Challenge's namespace (<c>resourceNamespace</c>); Secrets of an Issuer are read here.</summary>
    public string Namespace { get; init; } = "";
    public string ChallengeName { get; init; } = "";
    public IssuerReference IssuerRef { get; init; } = new();
    /// <summary>The issuer's selected solver entry verbatim (its <c>dns01</c> holds the provider configuration).</summary>
    public string SolverJson { get; init; } = "{}";

    /// <summary>The name being validated, without <c>*.</c> for a wildcard (cert-manager's <c>dnsName</c>).</summary>
    public string DnsName { get; init; } = "";
    /// <summary>Where the TXT record goes, absolute with a trailing dot: <c>_acme-challenge.example.test.</c>, or the CNAME target.</summary>
    public string ResolvedFqdn { get; init; } = "";
    /// <summary>The zone that holds <see cref="ResolvedFqdn"/>, with a trailing dot: <c>example.test.</c></summary>
    public string ResolvedZone { get; init; } = "";
    /// <summary>The TXT value: base64url(SHA-256(key authorization)).</summary>
    public string Key { get; init; } = "";
}
