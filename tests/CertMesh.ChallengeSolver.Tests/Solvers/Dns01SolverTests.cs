using System.Text.Json;
using CertMesh.ChallengeSolver.Challenges;
using CertMesh.ChallengeSolver.Solvers;
using CertMesh.ChallengeSolver.Solving;
using CertMesh.ChallengeSolver.Tests.Support;
using CertMesh.Contracts;
using CertMesh.Contracts.Dns;
using CertMesh.Dns.Resolver;
using CertMesh.Dns.Update;
using CertMesh.Dns.Wire;
using CertMesh.Domain.Resources;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CertMesh.ChallengeSolver.Tests.Solvers;

/// <summary>
/// The DNS-01 solver on its own: zone discovery against the real BIND, present and clean-up as ChangeDnsRecord
/// requests over the real RabbitMQ, answered by a stand-in webhook that makes the real RFC 2136 change at BIND.
/// </summary>
public sealed class Dns01SolverTests(ITestOutputHelper output) : IAsyncLifetime
{
    SolverDatabase _db = null!;
    RabbitSolverHost _host = null!;
    readonly string _dnsName = BindServer.UniqueName("solver");

    string Fqdn => $"_acme-challenge.{_dnsName}.";
    string Zone => BindServer.Zone + ".";
    Dns01Solver Solver => _host.Services.GetServices<IChallengeSolver>().OfType<Dns01Solver>().Single();

    public async Task InitializeAsync()
    {
        _db = await SolverDatabase.CreateAsync();
        // Short enough for the silent-webhook test, long enough for a first request on a cold, busy CI machine.
        _host = await RabbitSolverHost.StartAsync(_db, output, new Dictionary<string, string?> { ["CERTMESH_DNS01_WEBHOOK_TIMEOUT"] = "5s" }, scheduler: false);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _db.DisposeAsync();
    }

    static Challenge NewChallenge(string name, string dnsName, string? key = null, string solver = """{"dns01":{"rfc2136":{}}}""") => new()
    {
        Metadata = new ObjectMeta { Namespace = "default", Name = name, Uid = Guid.NewGuid() },
        Spec = new ChallengeSpec
        {
            DnsName = dnsName,
            Type = "DNS-01",
            Token = "token-" + name,
            Key = key ?? Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('='),
            Solver = JsonDocument.Parse(solver).RootElement.Clone(),
            IssuerRef = new IssuerReference { Name = "bind", Kind = ResourceKinds.Issuer },
        },
    };

    static Challenge Resolved(Challenge challenge, Dns01Target target) =>
        challenge with { Status = challenge.Status with { ResolvedFqdn = target.Fqdn, ResolvedZone = target.Zone } };

    async Task<string[]> TxtAtBindAsync()
    {
        var answer = await new DnsResolver().QueryAsync(BindServer.EndPoint, Fqdn, DnsType.TXT, recursionDesired: false, CancellationToken.None);
        return answer.Answers.Select(r => ((TxtRecordData)r.Data).Text).Order(StringComparer.Ordinal).ToArray();
    }

    [Fact]
    public async Task ResolveAsync_NewChallenge_AcmeChallengeNameAndItsZone()
    {
        var target = await Solver.ResolveAsync(NewChallenge("resolve-1", _dnsName), CancellationToken.None);

        Assert.Equal(new Dns01Target(Fqdn, Zone), target);
    }

    [Fact]
    public async Task ResolveAsync_CnameStrategyFollowWithoutAlias_SameName()
    {
        var challenge = NewChallenge("resolve-follow", _dnsName, solver: """{"dns01":{"cnameStrategy":"Follow","rfc2136":{}}}""");

        Assert.Equal(new Dns01Target(Fqdn, Zone), await Solver.ResolveAsync(challenge, CancellationToken.None));
    }

    [Fact]
    public async Task ResolveAsync_AlreadyResolved_KeepsWhatWasRecorded()
    {
        var challenge = Resolved(NewChallenge("resolve-2", _dnsName), new Dns01Target("_acme-challenge.elsewhere.test.", "elsewhere.test."));

        Assert.Null(await Solver.ResolveAsync(challenge, CancellationToken.None));
    }

    [Fact]
    public async Task PresentAndCleanUp_OneChallenge_ValueAddedAtBindThenRemoved()
    {
        var challenge = Resolved(NewChallenge("present-1", _dnsName), new Dns01Target(Fqdn, Zone));

        Assert.Null(await Solver.PresentAsync(challenge, CancellationToken.None));
        Assert.Equal([challenge.Spec.Key], await TxtAtBindAsync());
        Assert.True((await Solver.CheckAsync(challenge, CancellationToken.None)).Passed);
        Assert.Null(await Solver.CleanUpAsync(challenge, CancellationToken.None));
        Assert.Empty(await TxtAtBindAsync());

        var present = Assert.Single(_host.Webhook.For("present-1", DnsRecordActions.Present));
        Assert.Equal((challenge.Metadata.Uid, "default", _dnsName, Fqdn, Zone, challenge.Spec.Key),
            (present.Uid, present.Namespace, present.DnsName, present.ResolvedFqdn, present.ResolvedZone, present.Key));
        Assert.Equal("""{"dns01":{"rfc2136":{}}}""", present.SolverJson);
        Assert.Equal(("bind", ResourceKinds.Issuer), (present.IssuerRef.Name, present.IssuerRef.Kind));
        Assert.Single(_host.Webhook.For("present-1", DnsRecordActions.CleanUp));
    }

    [Fact]
    public async Task CleanUp_ApexAndWildcardAtOneName_RemovesOnlyItsOwnValue()
    {
        var target = new Dns01Target(Fqdn, Zone);
        var apex = Resolved(NewChallenge("apex-1", _dnsName), target);
        var wildcard = Resolved(NewChallenge("wildcard-1", _dnsName) with { Spec = apex.Spec with { Wildcard = true, Key = "wildcard-value" } }, target);
        await Solver.PresentAsync(apex, CancellationToken.None);
        await Solver.PresentAsync(wildcard, CancellationToken.None);
        Assert.Equal(new[] { apex.Spec.Key, "wildcard-value" }.Order(StringComparer.Ordinal), await TxtAtBindAsync());

        await Solver.CleanUpAsync(apex, CancellationToken.None);

        Assert.Equal(["wildcard-value"], await TxtAtBindAsync());
        Assert.True((await Solver.CheckAsync(wildcard, CancellationToken.None)).Passed);
        await Solver.CleanUpAsync(wildcard, CancellationToken.None);
        Assert.Empty(await TxtAtBindAsync());
    }

    [Fact]
    public async Task PresentAsync_KeyRejected_FailsErroredWithTheWebhooksReasonAndMessage()
    {
        var challenge = Resolved(NewChallenge("rejected-1", _dnsName), new Dns01Target(Fqdn, Zone));
        _host.Webhook.Script("rejected-1", WebhookScript.WrongKey);

        var failure = await Assert.ThrowsAsync<ChallengeFailure>(() => Solver.PresentAsync(challenge, CancellationToken.None));

        Assert.Equal((ChallengeStates.Errored, ChallengeReasons.Errored), (failure.Outcome.State, failure.Outcome.FailureReason));
        Assert.StartsWith($"KeyRejected: TSIG key {BindServer.Key.Name} was rejected by {BindServer.EndPoint}: NOTAUTH (BADSIG) for add TXT at {Fqdn} in zone {Zone}",
            failure.Outcome.Message);
        Assert.Empty(await TxtAtBindAsync());
    }

    [Fact]
    public async Task PresentAsync_RetryableFailure_TransientRetryException()
    {
        var challenge = Resolved(NewChallenge("unreachable-1", _dnsName), new Dns01Target(Fqdn, Zone));
        _host.Webhook.Script("unreachable-1", WebhookScript.Unreachable);

        var error = await Assert.ThrowsAsync<DnsChangeRetryException>(() => Solver.PresentAsync(challenge, CancellationToken.None));

        Assert.Equal($"Unreachable: no answer from {BindServer.EndPoint} (scripted)", error.Message);
        Assert.True(Transient.Is(error, CancellationToken.None));
    }

    [Fact]
    public async Task PresentAsync_WebhookSilent_TransientAfterTheTimeout()
    {
        var challenge = Resolved(NewChallenge("silent-1", _dnsName), new Dns01Target(Fqdn, Zone));
        _host.Webhook.Script("silent-1", WebhookScript.Silent);

        var error = await Assert.ThrowsAsync<DnsChangeRetryException>(() => Solver.PresentAsync(challenge, CancellationToken.None));

        Assert.Equal($"DnsWebhook did not answer Present of TXT at {Fqdn} in zone {Zone} within 5s", error.Message);
        Assert.True(Transient.Is(error, CancellationToken.None));
    }

    [Fact]
    public async Task CleanUpAsync_KeyRejected_CleanUpFailureWithTheMessage()
    {
        var challenge = Resolved(NewChallenge("cleanup-rejected-1", _dnsName), new Dns01Target(Fqdn, Zone));
        _host.Webhook.Script("cleanup-rejected-1", WebhookScript.WrongKey);

        var failure = await Assert.ThrowsAsync<CleanUpFailure>(() => Solver.CleanUpAsync(challenge, CancellationToken.None));

        Assert.StartsWith($"KeyRejected: TSIG key {BindServer.Key.Name} was rejected by {BindServer.EndPoint}: NOTAUTH (BADSIG) for remove TXT", failure.Message);
    }

    [Fact]
    public async Task CleanUpAsync_NeverResolved_SendsNothing()
    {
        Assert.Null(await Solver.CleanUpAsync(NewChallenge("unresolved-1", _dnsName), CancellationToken.None));
        Assert.Empty(_host.Webhook.Received);
    }
}
