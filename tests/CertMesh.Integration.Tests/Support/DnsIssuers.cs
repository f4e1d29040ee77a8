using System.Security.Cryptography;

namespace CertMesh.Integration.Tests.Support;

/// <summary>
/// DNS-01 ClusterIssuers against the local BIND, written as for cert-manager: rfc2136 with the TSIG key from a Secret,
/// the same with a secret BIND does not know, a webhook solver by groupName, and one that splits names between
/// HTTP-01 and DNS-01 with a dnsZones selector. Applying again changes nothing.
/// </summary>
internal static class DnsIssuers
{
    public const string Rfc2136 = "it-dns01-rfc2136";
    public const string Webhook = "it-dns01-webhook";
    public const string WrongKey = "it-dns01-wrongkey";
    public const string Mixed = "it-mixed";
    /// <summary>Names in this zone go to the Mixed issuer's DNS-01 solver; all others to its HTTP-01 one.</summary>
    public const string MixedDnsZone = "dns.example.test";

    static readonly string WrongSecret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>cert-manager's spelling of the key's algorithm (hmac-sha256 → HMACSHA256).</summary>
    static string Algorithm => TestEnvironment.TsigAlgorithm.Replace("-", "", StringComparison.Ordinal).ToUpperInvariant();

    public static Task ApplyAsync(StackFixture stack) => stack.ApplyAsync(string.Join("\n---\n",
        TsigSecret("it-tsig", TestEnvironment.TsigSecret),
        TsigSecret("it-tsig-wrong", WrongSecret),
        Issuer(Rfc2136, Rfc2136Solver("it-tsig")),
        Issuer(WrongKey, Rfc2136Solver("it-tsig-wrong")),
        Issuer(Webhook,
            "- dns01:",
            "    webhook:",
            $"      groupName: {StackFixture.WebhookGroup}",
            "      solverName: rfc2136",
            "      config:",
            $"        nameserver: {TestEnvironment.BindServer}"),
        Issuer(Mixed, [
            "- http01:",
            "    ingress: {}",
            .. Rfc2136Solver("it-tsig"),
            "  selector:",
            "    dnsZones:",
            $"      - {MixedDnsZone}"])));

    static string TsigSecret(string name, string secret) => $"""
        apiVersion: v1
        kind: Secret
        metadata:
          name: {name}
          namespace: cert-manager
        type: Opaque
        stringData:
          tsig-secret-key: {secret}
        """;

    static string[] Rfc2136Solver(string secret) =>
    [
        "- dns01:",
        "    rfc2136:",
        $"      nameserver: {TestEnvironment.BindServer}",
        $"      tsigKeyName: {TestEnvironment.TsigKeyName}",
        $"      tsigAlgorithm: {Algorithm}",
        "      tsigSecretSecretRef:",
        $"        name: {secret}",
        "        key: tsig-secret-key",
    ];

    /// <summary>An ACME ClusterIssuer on the local Pebble whose <c>solvers</c> list is the given lines.</summary>
    static string Issuer(string name, params string[] solverLines) => $"""
        apiVersion: cert-manager.io/v1
        kind: ClusterIssuer
        metadata:
          name: {name}
        spec:
          acme:
            server: {TestEnvironment.PebbleDirectory}
            email: it@example.test
            privateKeySecretRef:
              name: {name}-account
            solvers:

        """ + string.Join("\n", solverLines.Select(line => "      " + line));
}
