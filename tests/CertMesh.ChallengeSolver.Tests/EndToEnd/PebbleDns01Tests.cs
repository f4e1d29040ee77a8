using CertMesh.Acme.Orders;
using CertMesh.ChallengeSolver.Queue;
using CertMesh.ChallengeSolver.Tests.Support;
using CertMesh.Contracts.Acme;
using CertMesh.Contracts.Dns;
using CertMesh.Dns.Resolver;
using CertMesh.Dns.Update;
using CertMesh.Dns.Wire;
using CertMesh.Domain.Resources;
using Xunit.Abstractions;

namespace CertMesh.ChallengeSolver.Tests.EndToEnd;

/// <summary>
/// DNS-01 through the real consumer, scheduler and worker: the zone found on the real BIND, the TXT value presented
/// and removed by ChangeDnsRecord requests over the real RabbitMQ (a stand-in webhook makes the RFC 2136 change at
/// BIND), the self-check on BIND as the zone's authoritative nameserver, and the real Pebble validating by asking BIND.
/// </summary>
[Collection(PebbleCollection.Name)]
public sealed class PebbleDns01Tests(PebbleStack stack, ITestOutputHelper output) : IAsyncLifetime
{
    static readonly TimeSpan Solving = TimeSpan.FromSeconds(60);
    SolverDatabase _db = null!;

    public async Task InitializeAsync() => _db = await stack.CreateDatabaseAsync();

    public Task DisposeAsync() => Task.CompletedTask; // the stack drops its databases

    Task<RabbitSolverHost> StartAsync(bool presentTogether = true, bool scheduler = true) => RabbitSolverHost.StartAsync(_db, output,
        new Dictionary<string, string?>(stack.Settings) { ["CERTMESH_DNS01_PRESENT_TOGETHER"] = presentTogether ? "true" : "false" }, scheduler);

    async Task<Challenge> FinalAsync(SolveChallenge message) => (await Eventually.UntilAsync(
        () => Messages.ChallengeAsync(_db.Database, message.ChallengeName),
        c => c is not null && ChallengeStates.IsFinal(c.Document.Status.State),
        Solving, $"challenge {message.ChallengeName} to reach a final state"))!.Document;

    async Task<IReadOnlyList<ResourceEvent>> EventsAsync(SolveChallenge message) => await Messages.EventsAsync(_db.Database, message.ChallengeName);

    static async Task<string[]> TxtAtBindAsync(string dnsName)
    {
        var answer = await new DnsResolver().QueryAsync(BindServer.EndPoint, $"_acme-challenge.{dnsName}.", DnsType.TXT, recursionDesired: false, CancellationToken.None);
        return answer.Answers.Select(r => ((TxtRecordData)r.Data).Text).ToArray();
    }

    async Task AssertReleasedAsync(SolveChallenge message)
    {
        Assert.Equal("done", await _db.ScalarAsync<string>("SELECT state FROM challenge_queue WHERE name = @name", ("name", message.ChallengeName)));
        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT count(*) FROM challenge_slots WHERE name = @name AND ended_at IS NULL", ("name", message.ChallengeName)));
    }

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 0)]
    public async Task Solve_ApexAndWildcard_BothValidTogetherOnlyWhenConfiguredTxtRemoved(bool presentTogether, int overlaps)
    {
        var dnsName = BindServer.UniqueName("pair");
        var messages = await stack.NewDns01ChallengesAsync("dns-pair", dnsName, withWildcard: true);
        await using var host = await StartAsync(presentTogether, scheduler: false);
        // Both are queued before the scheduler looks, so both are claimable at its first claim.
        await host.SolveAsync([.. messages]);
        await Eventually.UntilAsync(() => _db.ScalarAsync<long>("SELECT count(*) FROM challenge_queue"), n => n == 2, "both challenges to be queued");
        await host.StartSchedulerAsync();

        var (apex, wildcard) = (await FinalAsync(messages[0]), await FinalAsync(messages[1]));

        Assert.Equal((ChallengeStates.Valid, ChallengeStates.Valid), (apex.Status.State, wildcard.Status.State));
        Assert.True(wildcard.Spec.Wildcard);
        var (fqdn, zone) = ($"_acme-challenge.{dnsName}.", BindServer.Zone + ".");
        Assert.All([apex, wildcard], c => Assert.Equal((fqdn, zone), (c.Status.ResolvedFqdn, c.Status.ResolvedZone)));
        var events = await EventsAsync(messages[0]);
        Assert.Equal(["Created", "Started", "Presented", "DomainVerified"], events.Select(e => e.Reason));
        Assert.Equal($"Presented challenge using DNS-01 challenge mechanism: TXT at {fqdn} in zone {zone}", events[2].Message);
        Assert.Equal($"Domain \"{dnsName}\" verified with \"DNS-01\" validation", events[3].Message);
        Assert.Equal(2, (await Messages.OutboxAsync<ChallengeSolved>(_db)).Count);
        Assert.Empty(await TxtAtBindAsync(dnsName));
        foreach (var message in messages)
        {
            Assert.Single(host.Webhook.For(message.ChallengeName, DnsRecordActions.Present));
            Assert.Single(host.Webhook.For(message.ChallengeName, DnsRecordActions.CleanUp));
            await AssertReleasedAsync(message);
            Assert.Equal(AcmeStatus.Valid, (await stack.Client.GetAuthorizationAsync(new Uri(message.AuthorizationUrl))).Status);
        }
        Assert.Equal(overlaps, await _db.ScalarAsync<int>(ChallengeSlots.SameNameOverlapsSql + " AND qa.type = 'dns-01'"));
    }

    [Fact]
    public async Task Solve_WebhookRejectsTheKey_ErroredWithItsMessageAndChallengeFailedCarriesIt()
    {
        var message = (await stack.NewDns01ChallengesAsync("dns-rejected", BindServer.UniqueName("rejected")))[0];
        await using var host = await StartAsync();
        host.Webhook.Script(message.ChallengeName, WebhookScript.WrongKey);

        await host.SolveAsync(message);
        var challenge = await FinalAsync(message);

        var fqdn = $"_acme-challenge.{message.DnsName}.";
        var expected = $"KeyRejected: TSIG key {BindServer.Key.Name} was rejected by {BindServer.EndPoint}: NOTAUTH (BADSIG) for add TXT at {fqdn} in zone {BindServer.Zone}.";
        Assert.Equal((ChallengeStates.Errored, false, false), (challenge.Status.State, challenge.Status.Processing, challenge.Status.Presented));
        Assert.Equal(expected, challenge.Status.Reason);
        var failed = Assert.Single(await Messages.OutboxAsync<ChallengeFailed>(_db));
        Assert.Equal(("Errored", expected, message.OrderId), (failed.Reason, failed.Message, failed.OrderId));
        var events = await EventsAsync(message);
        Assert.Equal(["Created", "Started", "Failed"], events.Select(e => e.Reason));
        Assert.Equal((EventTypes.Warning, $"Challenge errored: {expected}"), (events[^1].Type, events[^1].Message));
        // Clean-up still ran (in every final state): this challenge's value is removed wherever it might be.
        Assert.Single(host.Webhook.For(message.ChallengeName, DnsRecordActions.CleanUp));
        await AssertReleasedAsync(message);
    }

    [Fact]
    public async Task Solve_WebhookUnreachableOnce_ErrorShownRetriedThenValid()
    {
        var message = (await stack.NewDns01ChallengesAsync("dns-retried", BindServer.UniqueName("retried")))[0];
        await using var host = await StartAsync();
        host.Webhook.Script(message.ChallengeName, WebhookScript.Unreachable);

        await host.SolveAsync(message);
        var waiting = await Eventually.UntilAsync(
            () => Messages.ChallengeAsync(_db.Database, message.ChallengeName),
            c => c?.Document.Status.Reason?.StartsWith("Unreachable", StringComparison.Ordinal) == true, "the retryable failure to be shown");
        var challenge = await FinalAsync(message);

        Assert.Equal($"Unreachable: no answer from {BindServer.EndPoint} (scripted) (retrying in 1s)", waiting!.Document.Status.Reason);
        Assert.Equal(ChallengeStates.Valid, challenge.Status.State);
        Assert.Equal(2, host.Webhook.For(message.ChallengeName, DnsRecordActions.Present).Count());
        Assert.Empty(await TxtAtBindAsync(message.DnsName));
        await AssertReleasedAsync(message);
    }

    [Fact]
    public async Task Solve_CleanUpRejected_ValidStandsAndAWarningIsRecorded()
    {
        var message = (await stack.NewDns01ChallengesAsync("dns-cleanup", BindServer.UniqueName("cleanup")))[0];
        await using var host = await StartAsync();
        host.Webhook.Script(message.ChallengeName, WebhookScript.Pass, WebhookScript.WrongKey);

        try
        {
            await host.SolveAsync(message);
            var challenge = await FinalAsync(message);

            Assert.Equal(ChallengeStates.Valid, challenge.Status.State);
            var events = await EventsAsync(message);
            Assert.Equal(["Created", "Started", "Presented", "CleanUpError", "DomainVerified"], events.Select(e => e.Reason));
            Assert.Equal(EventTypes.Warning, events[3].Type);
            Assert.StartsWith($"Error cleaning up challenge: KeyRejected: TSIG key {BindServer.Key.Name} was rejected", events[3].Message);
            Assert.Single(await Messages.OutboxAsync<ChallengeSolved>(_db));
            await AssertReleasedAsync(message);
        }
        finally
        {
            await new Rfc2136Client(BindServer.EndPoint, BindServer.Key).RemoveTxtAsync(BindServer.Zone, $"_acme-challenge.{message.DnsName}.", message.Key);
        }
    }
}
