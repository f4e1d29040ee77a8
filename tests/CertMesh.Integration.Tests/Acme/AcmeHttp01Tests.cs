using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CertMesh.Contracts;
using CertMesh.Integration.Tests.Support;
using Npgsql;
using Xunit;

namespace CertMesh.Integration.Tests.Acme;

/// <summary>
/// ACME over HTTP-01 through the whole stack against the real Pebble: AcmeOrder, three ChallengeSolver replicas
/// sharing one in-flight limit, and the Edge answering Pebble's VA on its httpPort.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class AcmeHttp01Tests(StackFixture stack)
{
    [Fact]
    public async Task Issue_HundredCertificatesWithOneSolverKilled_AllIssuedWithinLimits()
    {
        const string ns = "it-acme-scale";
        const int count = 100;
        // The last ten certificates repeat the first ten names: those challenges must never be solved at once.
        var commands = Enumerable.Range(0, count)
            .Select(i => AcmeCommands.Issue(ns, $"c{i}", $"n{(i < 90 ? i : i - 90)}.{ns}.example.test"))
            .ToList();
        foreach (var command in commands)
            await stack.Bus.Publish(command);

        // Kill a replica while it holds challenges; the others must take them over once its lease lapses.
        var victim = stack.Service("ChallengeSolver@2");
        await Eventually.UntilAsync(() => HeldByAsync(victim.Name), held => held > 0, TimeSpan.FromSeconds(90), $"{victim.Name} to hold a challenge");
        // Frozen first, so what it holds cannot change between reading it and the SIGKILL.
        victim.Freeze();
        var heldWhenKilled = await OpenSlotChallengesAsync(victim.Name);
        victim.Kill();
        Assert.NotEmpty(heldWhenKilled);

        try
        {
            foreach (var command in commands)
                await stack.WaitForIssuedAsync(ns, command.Name, timeout: TimeSpan.FromSeconds(240));
        }
        finally
        {
            victim.Start();
            await victim.WaitHealthyAsync(TimeSpan.FromSeconds(60));
        }

        var slots = await ChallengeSlots.ReadAsync(stack);
        Assert.True(slots.Count >= 90, $"expected at least 90 challenge slots, saw {slots.Count}");
        var maxInFlight = ChallengeSlots.MaxOverlap(slots);
        Assert.InRange(maxInFlight, 2, StackFixture.MaxConcurrentChallenges);
        // Other suites' DNS-01 values for one name may be held together; HTTP-01 never.
        foreach (var sameName in slots.Where(s => s.Type == "http-01").GroupBy(s => s.DnsName))
            Assert.Equal(1, ChallengeSlots.MaxOverlap(sameName));
        // What the killed replica held was finished by another replica.
        foreach (var challenge in heldWhenKilled)
            Assert.Contains(slots, s => s.Challenge == challenge && s.Replica != victim.Name);
        Assert.Equal(0L, await stack.ScalarAsync<long>("SELECT count(*) FROM http01_tokens"));
    }

    [Fact]
    public async Task Issue_UnreachableName_FailsWithPebbleDetailAndIsRetriedAfterBackoff()
    {
        const string ns = "it-acme-fail";
        // BIND's zone points everything under unreachable.example.test at 127.0.0.2, where nothing listens; the
        // self-check (pointed at the Edge) still passes, so it is the CA that refuses, with its own words.
        var name = $"down.{ns}.unreachable.example.test";
        await stack.Bus.Publish(AcmeCommands.Issue(ns, "down", name));
        await stack.Events.WaitUntilAsync(() => Failures(ns, "down").Count >= 2, TimeSpan.FromSeconds(120), "two failed attempts");

        var failures = Failures(ns, "down");
        Assert.Contains("127.0.0.2", failures[0].Message);
        Assert.Equal(1, failures[0].FailedIssuanceAttempts);
        Assert.Equal(2, failures[1].FailedIssuanceAttempts);
        var status = await CliRunner.RunAsync(stack, "status", "certificate", "down", "-n", ns);
        Assert.Contains("127.0.0.2", status);
        Assert.Contains("Order:", status);
        Assert.Contains($"Challenges:", status);
    }

    [Fact]
    public async Task Renew_AcmeCertificate_ReplacesSecretWithNewChainRevisionTwo()
    {
        const string ns = "it-acme-renew";
        await stack.Bus.Publish(AcmeCommands.Issue(ns, "renewed", $"a.{ns}.example.test", $"b.{ns}.example.test"));
        var first = await stack.WaitForIssuedAsync(ns, "renewed", timeout: TimeSpan.FromSeconds(90));
        var chainBefore = await AcmeChains.ReadSecretPemAsync(stack, ns, "renewed-tls");

        await stack.Bus.Publish(new RenewCertificate { Namespace = ns, Name = "renewed" });
        var second = await stack.WaitForIssuedAsync(ns, "renewed", revision: 2, timeout: TimeSpan.FromSeconds(90));

        var chainAfter = await AcmeChains.ReadSecretPemAsync(stack, ns, "renewed-tls");
        Assert.NotEqual(first.SerialNumber, second.SerialNumber);
        Assert.NotEqual(chainBefore, chainAfter);
        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPem(chainAfter);
        Assert.True(certificates.Count >= 2, "tls.crt holds the leaf and Pebble's intermediate");
        await AcmeChains.VerifyAgainstPebbleRootAsync(certificates);
        var orders = await stack.ScalarAsync<long>("SELECT count(*) FROM resources WHERE kind = 'Order' AND namespace = @ns", ("ns", ns));
        Assert.True(orders >= 1);
    }

    [Fact]
    public async Task Delete_AcmeCertificate_RemovesItsOrdersAndChallenges()
    {
        const string ns = "it-acme-delete";
        await stack.Bus.Publish(AcmeCommands.Issue(ns, "gone"));
        await stack.WaitForIssuedAsync(ns, "gone", timeout: TimeSpan.FromSeconds(90));
        Assert.Equal(1L, await CountAsync("Order", ns));

        await stack.Bus.Publish(new DeleteCertificate { Namespace = ns, Name = "gone" });

        await Eventually.UntilAsync(async () => await CountAsync("Order", ns) + await CountAsync("Challenge", ns), left => left == 0,
            TimeSpan.FromSeconds(30), "the Order and Challenges of the deleted certificate to be removed");
    }

    Task<long> CountAsync(string kind, string @namespace) =>
        stack.ScalarAsync<long>("SELECT count(*) FROM resources WHERE kind = @kind AND namespace = @ns", ("kind", kind), ("ns", @namespace));

    IReadOnlyList<CertificateIssuanceFailed> Failures(string @namespace, string name) =>
        stack.Events.Failed.Select(f => f.Message).Where(f => f.Namespace == @namespace && f.Name == name).OrderBy(f => f.FailedIssuanceAttempts).ToList();

    async Task<long> HeldByAsync(string replica) =>
        await stack.ScalarAsync<long>("SELECT count(*) FROM challenge_slots WHERE replica = @replica AND ended_at IS NULL", ("replica", replica));

    async Task<List<string>> OpenSlotChallengesAsync(string replica)
    {
        await using var connection = new NpgsqlConnection(stack.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT namespace || '/' || name FROM challenge_slots WHERE replica = @replica AND ended_at IS NULL", connection);
        command.Parameters.AddWithValue("replica", replica);
        var challenges = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            challenges.Add(reader.GetString(0));
        return challenges;
    }
}
