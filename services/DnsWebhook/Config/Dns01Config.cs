using System.Text.Json;

namespace CertMesh.DnsWebhook.Config;

/// <summary>The one provider a solver's <c>dns01</c> names, as cert-manager's <c>ACMEChallengeSolverDNS01</c> spells it.</summary>
internal abstract record Dns01Config
{
    /// <summary>Who acts, for people, before the provider is built: <c>rfc2136 ns1:53</c>, <c>webhook acme.imroc.cc/dnspod</c>.</summary>
    public abstract string Describe { get; }
}

/// <summary>
/// <c>dns01.rfc2136</c>: a dynamic update to the zone's primary, TSIG-signed when a key name is given, sent over the
/// solver's <c>protocol</c> (UDP unless it says TCP).
/// </summary>
internal sealed record Rfc2136Config(
    string Nameserver, string? TsigKeyName, string TsigAlgorithm, SecretKeySelector? TsigSecret, string Protocol = Rfc2136Config.Udp) : Dns01Config
{
    public const string Field = "dns01.rfc2136";

    /// <summary>cert-manager's default when <c>protocol</c> is not set.</summary>
    public const string Udp = "UDP";
    public const string Tcp = "TCP";

    public bool OverTcp => Protocol == Tcp;

    public override string Describe => $"rfc2136 {Nameserver}";
}

/// <summary><c>dns01.webhook</c>: an external solver speaking cert-manager's webhook protocol; its config goes to it as is.</summary>
internal sealed record WebhookConfig(string GroupName, string SolverName, JsonElement? Config) : Dns01Config
{
    public const string Field = "dns01.webhook";

    public override string Describe => $"webhook {GroupName}/{SolverName}";
}

/// <summary>cert-manager's <c>SecretKeySelector</c>: one key of one Secret in the issuer's namespace.</summary>
internal sealed record SecretKeySelector(string Name, string Key);
