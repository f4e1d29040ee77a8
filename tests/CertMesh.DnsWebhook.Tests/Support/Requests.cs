using System.Text.Json;
using System.Text.Json.Nodes;
using CertMesh.Contracts;
using CertMesh.Contracts.Dns;

namespace CertMesh.DnsWebhook.Tests.Support;

/// <summary>ChangeDnsRecord messages and cert-manager solver entries as ChallengeSolver would send them.</summary>
internal static class Requests
{
    public const string TsigSecretName = "tsig-secret";
    public const string TsigSecretKey = "tsig-secret-key";

    public static string Namespace() => "dnswh-" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>
    /// An rfc2136 solver entry pointing at the local BIND with its key, the Secret named as cert-manager's docs do;
    /// <c>protocol</c> only when given, as most issuers leave it out.
    /// </summary>
    public static string Rfc2136Solver(string? nameserver = null, string? keyName = null, string? algorithm = null,
        string secretName = TsigSecretName, string secretKey = TsigSecretKey, string? protocol = null)
    {
        var rfc2136 = new JsonObject
        {
            ["nameserver"] = nameserver ?? Bind.ServerText,
            ["tsigKeyName"] = keyName ?? Bind.KeyName,
            ["tsigAlgorithm"] = algorithm ?? Bind.Algorithm.Replace("-", "", StringComparison.Ordinal).ToUpperInvariant(),
            ["tsigSecretSecretRef"] = new JsonObject { ["name"] = secretName, ["key"] = secretKey },
        };
        if (protocol is not null)
            rfc2136["protocol"] = protocol;
        return new JsonObject
        {
            ["selector"] = new JsonObject { ["dnsZones"] = new JsonArray("example.test") },
            ["dns01"] = new JsonObject { ["rfc2136"] = rfc2136 },
        }.ToJsonString();
    }

    /// <summary>The DNSPod webhook example of cert-manager's docs (imroc/cert-manager-webhook-dnspod).</summary>
    public const string DnsPodSolver = """
        {
          "dns01": {
            "webhook": {
              "groupName": "acme.imroc.cc",
              "solverName": "dnspod",
              "config": {
                "secretId": "AKIDxxxxx",
                "secretKeyRef": { "name": "dnspod-secret", "key": "secret-key" },
                "ttl": 600,
                "recordLine": ""
              }
            }
          }
        }
        """;

    public static string WebhookSolver(string groupName, string solverName, JsonNode? config = null) =>
        new JsonObject
        {
            ["dns01"] = new JsonObject
            {
                ["webhook"] = new JsonObject { ["groupName"] = groupName, ["solverName"] = solverName, ["config"] = config },
            },
        }.ToJsonString();

    public static ChangeDnsRecord Change(string action, string solverJson, string @namespace, string fqdn, string key, string issuerKind = "Issuer") => new()
    {
        Uid = Guid.NewGuid(),
        Action = action,
        Namespace = @namespace,
        ChallengeName = "example-" + Guid.NewGuid().ToString("N")[..8],
        IssuerRef = new IssuerReference { Name = "dns", Kind = issuerKind, Group = "cert-manager.io" },
        SolverJson = solverJson,
        DnsName = fqdn.Replace("_acme-challenge.", "", StringComparison.Ordinal).TrimEnd('.'),
        ResolvedFqdn = fqdn,
        ResolvedZone = Bind.Zone,
        Key = key,
    };

    /// <summary>A TXT value shaped like a real one: base64url of 32 random bytes.</summary>
    public static string TxtValue() =>
        Convert.ToBase64String(Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).ToArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
