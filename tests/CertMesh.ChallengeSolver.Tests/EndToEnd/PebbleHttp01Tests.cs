using CertMesh.Acme.Orders;
using CertMesh.ChallengeSolver.Tests.Support;
using CertMesh.Contracts.Acme;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Challenges;
using Xunit.Abstractions;

namespace CertMesh.ChallengeSolver.Tests.EndToEnd;

/// <summary>
/// SolveChallenge in, the real consumer, scheduler and worker, the real Pebble validating over HTTP-01 against the
/// token table (served by a stand-in for the Edge on Pebble's HTTP-01 port), ChallengeSolved or ChallengeFailed out.
/// </summary>
[Collection(PebbleCollection.Name)]
public sealed class PebbleHttp01Tests(PebbleStack stack, ITestOutputHelper output)
{
    async Task<Stored> SolveAsync(SolveChallenge message, Func<Task>? whileRunning = null)
    {
        await using var host = await SolverHost.StartAsync(stack.Db, output, stack.Settings);
        await host.Harness.Bus.Publish(message);
        if (whileRunning is not null)
            await whileRunning();
        var stored = await Eventually.UntilAsync(
            () => Messages.ChallengeAsync(stack.Db.Database, message.ChallengeName),
            c => c is not null && ChallengeStates.IsFinal(c.Document.Status.State),
            $"challenge {message.ChallengeName} to reach a final state");
        return new Stored(stored!.Document, await Messages.EventsAsync(stack.Db.Database, message.ChallengeName));
    }

    sealed record Stored(Challenge Challenge, IReadOnlyList<ResourceEvent> Events)
    {
        public IEnumerable<string> Reasons => Events.Select(e => e.Reason);
    }

    async Task AssertCleanedUpAsync(SolveChallenge message)
    {
        Assert.Null(await Http01TokenStore.FindAsync(stack.Db.DataSource, message.Token, CancellationToken.None));
        Assert.Equal("done", await stack.Db.ScalarAsync<string>("SELECT state FROM challenge_queue WHERE name = @name", ("name", message.ChallengeName)));
        Assert.Equal(0L, await stack.Db.ScalarAsync<long>("SELECT count(*) FROM challenge_slots WHERE name = @name AND ended_at IS NULL", ("name", message.ChallengeName)));
    }

    [Fact]
    public async Task Solve_Http01WithPebble_AuthorizationValidSolvedPublishedTokenRemoved()
    {
        var message = await stack.NewChallengeAsync("e2e-valid");

        var result = await SolveAsync(message);

        var status = result.Challenge.Status;
        Assert.Equal((ChallengeStates.Valid, false, false), (status.State, status.Processing, status.Presented));
        Assert.Equal(("passed", 1, "test-replica"), (status.SelfCheck, status.SelfCheckAttempts, status.SolvedBy));
        Assert.Equal(["Created", "Started", "Presented", "DomainVerified"], result.Reasons);
        Assert.Equal($"Domain \"{message.DnsName}\" verified with \"HTTP-01\" validation", result.Events[^1].Message);
        var solved = Assert.Single(await Messages.OutboxAsync<ChallengeSolved>(stack.Db), s => s.ChallengeName == message.ChallengeName);
        Assert.Equal((message.OrderId, message.DnsName), (solved.OrderId, solved.DnsName));
        await AssertCleanedUpAsync(message);
        Assert.Equal(AcmeStatus.Valid, (await stack.Client.GetAuthorizationAsync(new Uri(message.AuthorizationUrl))).Status);
    }

    [Fact]
    public async Task Solve_TokenNotYetAtTheEdge_SelfCheckRetriesThenValid()
    {
        var message = await stack.NewChallengeAsync("e2e-late");
        stack.NotYetPropagated[message.Token] = true;

        var result = await SolveAsync(message, whileRunning: async () =>
        {
            var waiting = await Eventually.UntilAsync(
                () => Messages.ChallengeAsync(stack.Db.Database, message.ChallengeName),
                c => c?.Document.Status.SelfCheckAttempts >= 2, "two missed self checks");
            Assert.Equal("Waiting for HTTP-01 challenge propagation: wrong status code '404', expected '200'", waiting!.Document.Status.Reason);
            Assert.Equal((true, true), (waiting.Document.Status.Processing, waiting.Document.Status.Presented));
            stack.NotYetPropagated.TryRemove(message.Token, out _);
        });

        Assert.Equal(ChallengeStates.Valid, result.Challenge.Status.State);
        Assert.True(result.Challenge.Status.SelfCheckAttempts >= 3, $"self checks: {result.Challenge.Status.SelfCheckAttempts}");
        await AssertCleanedUpAsync(message);
    }

    [Fact]
    public async Task Solve_CaSeesTheWrongAnswer_InvalidWithTheCasDetailAndFailedPublished()
    {
        var message = await stack.NewChallengeAsync("e2e-invalid");
        stack.Sabotaged[message.Token] = true;

        var result = await SolveAsync(message);

        var status = result.Challenge.Status;
        output.WriteLine($"reason: {status.Reason}");
        Assert.Equal((ChallengeStates.Invalid, false, false), (status.State, status.Processing, status.Presented));
        Assert.Contains("sabotaged-" + message.Token, status.Reason); // Pebble quotes what it was served
        var failedEvent = result.Events[^1];
        Assert.Equal((EventTypes.Warning, "Failed"), (failedEvent.Type, failedEvent.Reason));
        Assert.Equal($"Accepting challenge authorization failed: {status.Reason}", failedEvent.Message);
        var failed = Assert.Single(await Messages.OutboxAsync<ChallengeFailed>(stack.Db), f => f.ChallengeName == message.ChallengeName);
        Assert.Equal(("Failed", status.Reason), (failed.Reason, failed.Message));
        await AssertCleanedUpAsync(message);
    }
}
