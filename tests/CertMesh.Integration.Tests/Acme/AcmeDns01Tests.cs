using System.Diagnostics;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using CertMesh.Contracts;
using CertMesh.Dns.Resolver;
using CertMesh.Dns.Wire;
using CertMesh.Integration.Tests.Support;
using Npgsql;
using Xunit;
using Xunit.Abstractions;

namespace CertMesh.Integration.Tests.Acme;

/// <summary>
/// ACME over DNS-01 through the whole stack against the real Pebble, which resolves through the real BIND: the
/// ChallengeSolver replicas find the zone, DnsWebhook writes the TXT value (RFC 2136 with TSIG, or through the
/// reference cert-manager webhook solver), the self-check asks BIND as the zone's authoritative server.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class AcmeDns01Tests(StackFixture stack, ITestOutputHelper output)
{
    [Theory]
    [InlineData(DnsIssuers.Rfc2136, "it-dns-rfc2136")]
    [InlineData(DnsIssuers.Webhook, "it-dns-webhook")]
    public async Task Issue_ApexAndWildcard_PresentedTogetherIssuedAndCleanedUp(string issuer, string ns)
    {
        await DnsIssuers.ApplyAsync(stack);
        var apex = $"{UniqueLabel("w")}.example.test";
        var watch = Stopwatch.StartNew();

        await stack.Bus.Publish(AcmeCommands.IssueWith(issuer, ns, "wild", apex, "*." + apex));
        await stack.WaitForIssuedAsync(ns, "wild", timeout: TimeSpan.FromSeconds(120));
        output.WriteLine($"{issuer}: {apex} and *.{apex} issued in {watch.Elapsed.TotalSeconds:0.00} s");

        var certificates = await AcmeChains.ReadSecretAsync(stack, ns, "wild-tls");
        await AcmeChains.VerifyAgainstPebbleRootAsync(certificates);
        Assert.Equal([apex, "*." + apex], SubjectAlternativeNames(certificates[0]));

        // Two DNS-01 challenges, one TXT name: both were held at once, so both values were presented together.
        var slots = (await ChallengeSlots.ReadAsync(stack, ns)).Where(s => s.Type == "dns-01").ToList();
        Assert.Equal(2, slots.Count);
        Assert.Equal(2, ChallengeSlots.MaxOverlap(slots));
        foreach (var slot in slots)
            output.WriteLine($"{slot.Challenge} held by {slot.Replica} for {(slot.Ended - slot.Started).TotalSeconds:0.00} s");

        // Cleaned up: the zone's server no longer has any value there.
        Assert.Empty(await TxtValuesAsync("_acme-challenge." + apex));
    }

    [Fact]
    public async Task Issue_WrongTsigKey_FailsWithTheServersRefusalAndLeavesNoRecord()
    {
        const string ns = "it-dns-wrongkey";
        await DnsIssuers.ApplyAsync(stack);
        var name = $"{UniqueLabel("k")}.example.test";

        await stack.Bus.Publish(AcmeCommands.IssueWith(DnsIssuers.WrongKey, ns, "badkey", name));
        await stack.Events.WaitUntilAsync(() => Failures(ns, "badkey").Count >= 1, TimeSpan.FromSeconds(120), "a failed attempt");

        var failure = Failures(ns, "badkey")[0];
        output.WriteLine(failure.Message);
        Assert.Contains($"TSIG key {TestEnvironment.TsigKeyName} was rejected by {TestEnvironment.BindServer}", failure.Message);
        var status = await CliRunner.RunAsync(stack, "status", "certificate", "badkey", "-n", ns);
        Assert.Contains("was rejected by", status);
        Assert.DoesNotContain(TestEnvironment.TsigSecret, status);
        Assert.Empty(await TxtValuesAsync("_acme-challenge." + name));
    }

    [Fact]
    public async Task Issue_NamesSplitByDnsZonesSelector_SolvesHttp01AndDns01InOneOrder()
    {
        const string ns = "it-dns-mixed";
        await DnsIssuers.ApplyAsync(stack);
        var label = UniqueLabel("m");
        var web = $"{label}.example.test";
        var zoned = $"{label}.{DnsIssuers.MixedDnsZone}";

        await stack.Bus.Publish(AcmeCommands.IssueWith(DnsIssuers.Mixed, ns, "mixed", web, zoned, "*." + zoned));
        await stack.WaitForIssuedAsync(ns, "mixed", timeout: TimeSpan.FromSeconds(120));

        var certificates = await AcmeChains.ReadSecretAsync(stack, ns, "mixed-tls");
        await AcmeChains.VerifyAgainstPebbleRootAsync(certificates);
        Assert.Equal([web, zoned, "*." + zoned], SubjectAlternativeNames(certificates[0]));
        // Challenge spec.type is spelled as cert-manager spells it.
        List<(string DnsName, bool Wildcard, string Type)> expected = [(web, false, "HTTP-01"), (zoned, false, "DNS-01"), (zoned, true, "DNS-01")];
        Assert.Equal(InOrder(expected), InOrder(await ChallengeTypesAsync(ns)));
    }

    static List<(string DnsName, bool Wildcard, string Type)> InOrder(IEnumerable<(string DnsName, bool Wildcard, string Type)> types) =>
        types.OrderBy(t => t.DnsName, StringComparer.Ordinal).ThenBy(t => t.Wildcard).ToList();

    static string UniqueLabel(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..12];

    IReadOnlyList<CertificateIssuanceFailed> Failures(string @namespace, string name) =>
        stack.Events.Failed.Select(f => f.Message).Where(f => f.Namespace == @namespace && f.Name == name).OrderBy(f => f.FailedIssuanceAttempts).ToList();

    static List<string> SubjectAlternativeNames(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames().ToList();

    /// <summary>The TXT values BIND, the zone's authoritative server, has at <paramref name="name"/>.</summary>
    static async Task<List<string>> TxtValuesAsync(string name)
    {
        var answer = await new DnsResolver().QueryAsync(IPEndPoint.Parse(TestEnvironment.BindServer), name, DnsType.TXT);
        return answer.Answers.Select(r => r.Data).OfType<TxtRecordData>().Select(t => t.Text).ToList();
    }

    async Task<List<(string DnsName, bool Wildcard, string Type)>> ChallengeTypesAsync(string @namespace)
    {
        await using var connection = new NpgsqlConnection(stack.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT doc->'spec'->>'dnsName', coalesce((doc->'spec'->>'wildcard')::boolean, false), doc->'spec'->>'type'
            FROM resources WHERE kind = 'Challenge' AND namespace = @ns
            """, connection);
        command.Parameters.AddWithValue("ns", @namespace);
        var types = new List<(string, bool, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            types.Add((reader.GetString(0), reader.GetBoolean(1), reader.GetString(2)));
        return types;
    }
}
