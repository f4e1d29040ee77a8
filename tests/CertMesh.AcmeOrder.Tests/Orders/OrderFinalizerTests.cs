using CertMesh.AcmeOrder.Orders;
using CertMesh.AcmeOrder.Tests.Support;
using CertMesh.Contracts;
using CertMesh.Contracts.Acme;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Resources;

namespace CertMesh.AcmeOrder.Tests.Orders;

/// <summary>
/// Finalizing against a CA that fails on cue. The CA reuses a valid authorization, so creating the order finalizes
/// it at once; a retry is carried out, as the service would, by feeding the scheduled ChallengeSolved to the workflow.
/// </summary>
[Collection(AcmeOrderCollection.Name)]
public sealed class OrderFinalizerTests(AcmeOrderFixture fixture)
{
    static readonly IssuerReference FakeRef = new() { Name = "fake", Kind = ResourceKinds.Issuer };

    async Task<CreateAcmeOrder> CommandAsync(FakeAcmeServer ca)
    {
        ca.RateLimitNewOrders = false;
        ca.AuthorizationStatus = "valid";
        var ns = Seed.Namespace();
        await Seed.StoreAsync(fixture, Seed.AcmeIssuer(ResourceKinds.Issuer, ns, "fake", ca.Directory));
        return Seed.Command(ns, FakeRef, [Seed.DnsName("final")]);
    }

    Task CreateAsync(CreateAcmeOrder command) =>
        fixture.RunAsync(unit => fixture.Creation.CreateAsync(unit, command, CancellationToken.None));

    Task SolvedAsync(ChallengeSolved scheduled) =>
        fixture.RunAsync(unit => fixture.Progress.SolvedAsync(unit, scheduled, CancellationToken.None));

    Task<Order> OrderAsync(CreateAcmeOrder command) => fixture.ReadAsync(async unit =>
        (await unit.Resources.GetAsync<Order>(new ResourceKey(ResourceKinds.Order, command.Namespace, OrderCreation.OrderNameFor(command)), CancellationToken.None))!.Document);

    [Fact]
    public async Task FinalizeAsync_BadNonceOutlivesTheClientsRetries_KeepsTheOrderAndFinalizesAgainWithinSeconds()
    {
        await using var ca = await FakeAcmeServer.StartAsync();
        ca.BadNonceOutlivingTheClientsRetries(FakeAcmeServer.Finalize);
        var command = await CommandAsync(ca);
        var before = DateTimeOffset.UtcNow;

        await CreateAsync(command);

        var order = await OrderAsync(command);
        Assert.Equal((OrderStates.Ready, 1), (order.Status.State, order.Status.FinalizeFailures));
        Assert.StartsWith("Waiting to finalize again at ", order.Status.Reason, StringComparison.Ordinal);
        Assert.Contains($"(attempt 2 of {fixture.Options.Retry.MaxAttempts}): JWS has an invalid anti-replay nonce", order.Status.Reason, StringComparison.Ordinal);
        var (scheduled, dueAt) = Assert.Single(await OutboxRows.ReadWithDueAsync<ChallengeSolved>(fixture, s => s.Namespace == command.Namespace));
        Assert.Equal((order.Metadata.Uid, order.Metadata.Name, ""), (scheduled.OrderId, scheduled.OrderName, scheduled.ChallengeName));
        Assert.InRange(dueAt, before.AddSeconds(1), DateTimeOffset.UtcNow.AddSeconds(2));
        Assert.Empty(await OutboxRows.ReadAsync<AcmeOrderFailed>(fixture, f => f.Namespace == command.Namespace));
        var events = await fixture.ReadAsync(unit => unit.Events.ListAsync(new ResourceKey(ResourceKinds.Order, command.Namespace, order.Metadata.Name), CancellationToken.None));
        Assert.Equal((EventTypes.Warning, "Retrying", order.Status.Reason), (events[^1].Type, events[^1].Reason, events[^1].Message));

        await SolvedAsync(scheduled);

        var completed = await OrderAsync(command);
        Assert.Equal((order.Metadata.Uid, OrderStates.Valid), (completed.Metadata.Uid, completed.Status.State));
        Assert.Equal(1, ca.Calls(FakeAcmeServer.NewOrder));
        var announced = Assert.Single(await OutboxRows.ReadAsync<AcmeOrderCompleted>(fixture, c => c.Namespace == command.Namespace));
        Assert.Equal((command.IssuanceId, completed.Status.Certificate), (announced.IssuanceId, announced.ChainPem));
        Assert.Empty(await OutboxRows.ReadAsync<AcmeOrderFailed>(fixture, f => f.Namespace == command.Namespace));
    }

    [Fact]
    public async Task FinalizeAsync_StillFailingAtTheLastAttempt_FailsWithTheCasDetail()
    {
        await using var ca = await FakeAcmeServer.StartAsync();
        var attempts = fixture.Options.Retry.MaxAttempts;
        ca.FailNext(FakeAcmeServer.Finalize, 500, "serverInternal", "the CA's database is away", times: attempts);
        var command = await CommandAsync(ca);

        await CreateAsync(command);
        for (var retry = 1; retry < attempts; retry++)
        {
            var scheduled = await OutboxRows.ReadAsync<ChallengeSolved>(fixture, s => s.Namespace == command.Namespace);
            Assert.Equal(retry, scheduled.Count);
            Assert.Empty(await OutboxRows.ReadAsync<AcmeOrderFailed>(fixture, f => f.Namespace == command.Namespace));
            await SolvedAsync(scheduled[^1]);
        }

        var order = await OrderAsync(command);
        Assert.Equal((OrderStates.Errored, "Failed to finalize Order: the CA's database is away"), (order.Status.State, order.Status.Reason));
        Assert.Equal(order.Status.Reason, Assert.Single(await OutboxRows.ReadAsync<AcmeOrderFailed>(fixture, f => f.Namespace == command.Namespace)).Message);
        Assert.Equal(attempts - 1, (await OutboxRows.ReadAsync<ChallengeSolved>(fixture, s => s.Namespace == command.Namespace)).Count);
        Assert.Equal((attempts, 1), (ca.Calls(FakeAcmeServer.Finalize), ca.Calls(FakeAcmeServer.NewOrder)));
    }

    [Fact]
    public async Task FinalizeAsync_CaAsksForALongerWaitThanAnOrderIsKeptOpen_FailsNamingTheWait()
    {
        await using var ca = await FakeAcmeServer.StartAsync();
        ca.FailNext(FakeAcmeServer.Finalize, 503, "serverInternal", "down for maintenance", retryAfterSeconds: 3600);
        var command = await CommandAsync(ca);

        await CreateAsync(command);

        var failed = Assert.Single(await OutboxRows.ReadAsync<AcmeOrderFailed>(fixture, f => f.Namespace == command.Namespace));
        Assert.Equal("Failed to finalize Order: down for maintenance (the CA asks to retry after 01:00:00)", failed.Message);
        Assert.Empty(await OutboxRows.ReadAsync<ChallengeSolved>(fixture, s => s.Namespace == command.Namespace));
    }

    [Theory]
    [InlineData(400, "badCSR")]
    [InlineData(403, "unauthorized")]
    [InlineData(403, "caa")]
    public async Task FinalizeAsync_FinalProblem_FailsAtOnceIntoTheCertificatesBackOff(int status, string type)
    {
        await using var ca = await FakeAcmeServer.StartAsync();
        ca.FailNext(FakeAcmeServer.Finalize, status, type, $"the CA refuses: {type}");
        var command = await CommandAsync(ca);

        await CreateAsync(command);

        var order = await OrderAsync(command);
        Assert.Equal((OrderStates.Errored, $"Failed to finalize Order: the CA refuses: {type}"), (order.Status.State, order.Status.Reason));
        Assert.Null(order.Status.FinalizeFailures);
        Assert.Single(await OutboxRows.ReadAsync<AcmeOrderFailed>(fixture, f => f.Namespace == command.Namespace));
        Assert.Empty(await OutboxRows.ReadAsync<ChallengeSolved>(fixture, s => s.Namespace == command.Namespace));
    }
}
