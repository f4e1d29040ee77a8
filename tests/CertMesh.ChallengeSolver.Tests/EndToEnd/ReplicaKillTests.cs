using CertMesh.Acme.Orders;
using CertMesh.ChallengeSolver.Queue;
using CertMesh.ChallengeSolver.Tests.Support;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Challenges;
using Xunit.Abstractions;

namespace CertMesh.ChallengeSolver.Tests.EndToEnd;

/// <summary>
/// Two ChallengeSolver replicas as real processes on the real RabbitMQ, PostgreSQL and Pebble. The replica holding a
/// challenge is killed with SIGKILL in the middle of it (presented, self-check still failing); the other takes the
/// challenge over when the lease runs out and finishes it. Nothing is lost and the dead hold's slot ends at its lease.
/// </summary>
[Collection(PebbleCollection.Name)]
public sealed class ReplicaKillTests(PebbleStack stack, ITestOutputHelper output) : IAsyncLifetime
{
    readonly List<ServiceProcess> _replicas = [];
    SolverDatabase _db = null!;

    public async Task InitializeAsync()
    {
        await RabbitMqProbe.EnsureReachableAsync("certmesh-challengesolver-tests");
        _db = await stack.CreateDatabaseAsync();
    }

    public Task DisposeAsync()
    {
        foreach (var replica in _replicas)
            replica.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Replicas_HolderKilledMidChallenge_OtherReplicaTakesOverAndSolves()
    {
        var logs = Path.Combine(TestEnvironment.RepositoryRoot, "tests", "CertMesh.ChallengeSolver.Tests", "bin", "solver-logs", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss-fff"));
        Directory.CreateDirectory(logs);
        var environment = new Dictionary<string, string?>(stack.Settings)
        {
            ["CERTMESH_POSTGRES"] = _db.ConnectionString,
            ["CERTMESH_RABBITMQ"] = TestEnvironment.RabbitMq.ToString(),
            ["CERTMESH_SECRET_KEY"] = _db.SecretKey,
            ["CERTMESH_CHALLENGE_LEASE"] = "2s",
            ["CERTMESH_SCHEDULER_POLL_MS"] = "50",
            ["CERTMESH_SELF_CHECK_INTERVAL"] = "200ms",
        };
        _replicas.AddRange(await Task.WhenAll(
            ServiceProcess.StartAsync("ChallengeSolver@replica-a", environment, logs),
            ServiceProcess.StartAsync("ChallengeSolver@replica-b", environment, logs)));
        var message = await stack.NewChallengeAsync("kill-9");
        stack.NotYetPropagated[message.Token] = true;

        // As AcmeOrder would: the command in the outbox; a replica's outbox dispatcher puts it on RabbitMQ.
        await using (var unit = await _db.Database.BeginAsync(CancellationToken.None))
        {
            await unit.Outbox.PublishAsync(message, CancellationToken.None);
            await unit.CommitAsync(CancellationToken.None);
        }
        var held = await Eventually.UntilAsync(
            () => Messages.ChallengeAsync(_db.Database, message.ChallengeName),
            c => c?.Document.Status is { Presented: true, SelfCheckAttempts: >= 1 }, "a replica to present and self-check the challenge");
        var victim = _replicas.Single(r => r.Name == held!.Document.Status.SolvedBy);
        var survivor = _replicas.Single(r => r != victim);
        output.WriteLine($"killing {victim.Name} (logs in {logs})");

        victim.Kill();
        stack.NotYetPropagated.TryRemove(message.Token, out _);

        var solved = await Eventually.UntilAsync(
            () => Messages.ChallengeAsync(_db.Database, message.ChallengeName),
            c => c is not null && ChallengeStates.IsFinal(c.Document.Status.State), "the survivor to finish the challenge");
        var status = solved!.Document.Status;
        Assert.Equal((ChallengeStates.Valid, survivor.Name, false, false), (status.State, status.SolvedBy, status.Processing, status.Presented));
        var started = (await Messages.EventsAsync(_db.Database, message.ChallengeName)).Where(e => e.Reason == "Started").ToList();
        Assert.Equal(2, started.Count);
        Assert.Equal($"Challenge scheduled for processing; taken over from replica {victim.Name}, whose lease expired", started[1].Message);
        Assert.Equal(1L, await _db.ScalarAsync<long>(
            "SELECT count(*) FROM challenge_slots s JOIN challenge_queue q ON q.id = s.queue_id WHERE s.replica = @victim AND s.ended_at IS NOT NULL",
            ("victim", victim.Name)));
        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT count(*) FROM challenge_slots WHERE ended_at IS NULL"));
        Assert.Equal(1, await ChallengeSlots.MaxOverlapAsync(_db.DataSource, CancellationToken.None));
        Assert.Null(await Http01TokenStore.FindAsync(_db.DataSource, message.Token, CancellationToken.None));
        Assert.Equal(AcmeStatus.Valid, (await stack.Client.GetAuthorizationAsync(new Uri(message.AuthorizationUrl))).Status);
    }
}
