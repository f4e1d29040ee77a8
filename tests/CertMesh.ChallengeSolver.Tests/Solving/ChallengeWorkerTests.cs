using CertMesh.ChallengeSolver.Tests.Support;
using CertMesh.Contracts.Acme;
using CertMesh.Domain.Resources;
using Xunit.Abstractions;

namespace CertMesh.ChallengeSolver.Tests.Solving;

/// <summary>Challenges the worker ends without asking the CA anything: an account it cannot use.</summary>
public sealed class ChallengeWorkerTests(ITestOutputHelper output) : IAsyncLifetime
{
    SolverDatabase _db = null!;
    SolverHost _host = null!;

    public async Task InitializeAsync()
    {
        _db = await SolverDatabase.CreateAsync();
        _host = await SolverHost.StartAsync(_db, output);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _db.DisposeAsync();
    }

    async Task<Challenge> SolveAsync(SolveChallenge message)
    {
        await _host.Harness.Bus.Publish(message);
        var stored = await Eventually.UntilAsync(
            () => Messages.ChallengeAsync(_db.Database, message.ChallengeName),
            c => c is not null && ChallengeStates.IsFinal(c.Document.Status.State),
            $"challenge {message.ChallengeName} to reach a final state");
        return stored!.Document;
    }

    [Fact]
    public async Task Process_AccountSecretMissing_ErroredNamingTheSecret()
    {
        var challenge = await SolveAsync(Messages.Solve("no-account-1", "no-account.example.test"));

        Assert.Equal(ChallengeStates.Errored, challenge.Status.State);
        Assert.Equal("the ACME account key Secret \"default/pebble-account\" does not exist or has no tls.key", challenge.Status.Reason);
        var failed = Assert.Single(await Messages.OutboxAsync<ChallengeFailed>(_db));
        Assert.Equal("Errored", failed.Reason);
        Assert.Equal("done", await _db.ScalarAsync<string>("SELECT state FROM challenge_queue WHERE name = 'no-account-1'"));
    }
}
