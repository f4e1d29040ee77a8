using CertMesh.AcmeOrder.Orders;
using CertMesh.AcmeOrder.Tests.Support;
using CertMesh.Contracts;
using CertMesh.Contracts.Acme;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Resources;

namespace CertMesh.AcmeOrder.Tests.Orders;

/// <summary>Transient CA answers re-schedule the same command (through the outbox's due time) up to a bound.</summary>
[Collection(AcmeOrderCollection.Name)]
public sealed class OrderRetryTests(AcmeOrderFixture fixture)
{
    static readonly IssuerReference FakeRef = new() { Name = "fake", Kind = ResourceKinds.Issuer };

    async Task<CreateAcmeOrder> CommandAsync(FakeAcmeServer ca)
    {
        var ns = Seed.Namespace();
        await Seed.StoreAsync(fixture, Seed.AcmeIssuer(ResourceKinds.Issuer, ns, "fake", ca.Directory));
        return Seed.Command(ns, FakeRef, [Seed.DnsName("busy")]);
    }

    Task CreateAsync(CreateAcmeOrder command) =>
        fixture.RunAsync(unit => fixture.Creation.CreateAsync(unit, command, CancellationToken.None));

    Task<Stored<Order>> OrderAsync(CreateAcmeOrder command) => fixture.ReadAsync(async unit =>
        (await unit.Resources.GetAsync<Order>(new ResourceKey(ResourceKinds.Order, command.Namespace, OrderCreation.OrderNameFor(command)), CancellationToken.None))!);

    [Fact]
    public async Task CreateAsync_CaRateLimited_ReschedulesTheSameCommandAtRetryAfter()
    {
        await using var ca = await FakeAcmeServer.StartAsync();
        var command = await CommandAsync(ca);
        var before = DateTimeOffset.UtcNow;

        await CreateAsync(command);

        var (retry, dueAt) = Assert.Single(await OutboxRows.ReadWithDueAsync<CreateAcmeOrder>(fixture, c => c.Namespace == command.Namespace));
        Assert.Equal(command with { Attempt = 1 }, retry with { DnsNames = command.DnsNames, IpAddresses = command.IpAddresses, Labels = command.Labels });
        Assert.InRange(dueAt, before.AddSeconds(6), DateTimeOffset.UtcNow.AddSeconds(8));
        var stored = await OrderAsync(command);
        Assert.Null(stored.Document.Status.Url);
        Assert.False(OrderStates.IsFinal(stored.Document.Status.State));
        Assert.Contains("too many new orders recently", stored.Document.Status.Reason, StringComparison.Ordinal);
        Assert.Contains($"attempt 2 of {fixture.Options.Retry.MaxAttempts}", stored.Document.Status.Reason, StringComparison.Ordinal);
        var events = await fixture.ReadAsync(unit => unit.Events.ListAsync(new ResourceKey(ResourceKinds.Order, command.Namespace, stored.Document.Metadata.Name), CancellationToken.None));
        Assert.Equal((EventTypes.Warning, "Retrying"), (Assert.Single(events).Type, events[0].Reason));
        Assert.Empty(await OutboxRows.ReadAsync<AcmeOrderFailed>(fixture, f => f.Namespace == command.Namespace));

        // The scheduled attempt carries on with the waiting Order instead of making a second one.
        await CreateAsync(retry);

        var again = await OrderAsync(command);
        Assert.Equal((stored.Document.Metadata.Uid, 2L), (again.Document.Metadata.Uid, again.ResourceVersion));
        Assert.Contains(await OutboxRows.ReadAsync<CreateAcmeOrder>(fixture, c => c.Namespace == command.Namespace), c => c.Attempt == 2);
    }

    [Fact]
    public async Task CreateAsync_LastAttemptStillRateLimited_FailsWithTheCasDetail()
    {
        await using var ca = await FakeAcmeServer.StartAsync();
        var command = await CommandAsync(ca) with { Attempt = fixture.Options.Retry.MaxAttempts - 1 };

        await CreateAsync(command);

        var failed = Assert.Single(await OutboxRows.ReadAsync<AcmeOrderFailed>(fixture, f => f.Namespace == command.Namespace));
        Assert.Equal(("Failed", "Failed to create Order: too many new orders recently"), (failed.Reason, failed.Message));
        Assert.Equal(OrderStates.Errored, (await OrderAsync(command)).Document.Status.State);
        Assert.Empty(await OutboxRows.ReadAsync<CreateAcmeOrder>(fixture, c => c.Namespace == command.Namespace));
    }

    [Fact]
    public async Task CreateAsync_CaDownWhileRegistering_IssuerNotReadyAndCommandRescheduled()
    {
        await using var ca = await FakeAcmeServer.StartAsync();
        ca.AccountUnavailable = true;
        var command = await CommandAsync(ca);
        var before = DateTimeOffset.UtcNow;

        await CreateAsync(command);

        var issuer = await fixture.ReadAsync(async unit => (await unit.Resources.GetAsync<Issuer>(new ResourceKey(ResourceKinds.Issuer, command.Namespace, "fake"), CancellationToken.None))!.Document);
        var ready = Conditions.Find(issuer.Status.Conditions, "Ready")!;
        Assert.Equal((ConditionStatus.False, "ErrRegisterACMEAccount", "Failed to register ACME account: the CA is down for maintenance"),
            (ready.Status, ready.Reason, ready.Message));
        var (retry, dueAt) = Assert.Single(await OutboxRows.ReadWithDueAsync<CreateAcmeOrder>(fixture, c => c.Namespace == command.Namespace));
        Assert.Equal(1, retry.Attempt);
        Assert.InRange(dueAt, before.AddSeconds(2), DateTimeOffset.UtcNow.AddSeconds(4));
    }

    [Fact]
    public async Task CreateAsync_BadNonceOutlivesTheClientsRetries_RetriedWithinSecondsCarryingOnWithTheCasOrder()
    {
        await using var ca = await FakeAcmeServer.StartAsync();
        ca.RateLimitNewOrders = false;
        ca.AuthorizationStatus = "pending";
        ca.BadNonceOutlivingTheClientsRetries(FakeAcmeServer.Authorization);
        var command = await CommandAsync(ca);
        var before = DateTimeOffset.UtcNow;

        await CreateAsync(command);

        var (retry, dueAt) = Assert.Single(await OutboxRows.ReadWithDueAsync<CreateAcmeOrder>(fixture, c => c.Namespace == command.Namespace));
        Assert.Equal(1, retry.Attempt);
        Assert.InRange(dueAt, before.AddSeconds(1), DateTimeOffset.UtcNow.AddSeconds(2));
        var waiting = (await OrderAsync(command)).Document;
        Assert.Equal(new Uri(ca.BaseUri, "/order/1").AbsoluteUri, waiting.Status.Url);
        Assert.Empty(waiting.Status.Authorizations);
        Assert.Contains("JWS has an invalid anti-replay nonce", waiting.Status.Reason, StringComparison.Ordinal);
        Assert.Empty(await OutboxRows.ReadAsync<AcmeOrderFailed>(fixture, f => f.Namespace == command.Namespace));
        Assert.Empty(await OutboxRows.ReadAsync<SolveChallenge>(fixture, s => s.Namespace == command.Namespace));

        await CreateAsync(retry);

        // The same Order, and the same order at the CA: read again, not ordered again.
        var created = await OrderAsync(command);
        Assert.Equal((waiting.Metadata.Uid, waiting.Status.Url), (created.Document.Metadata.Uid, created.Document.Status.Url));
        Assert.Equal((1, 1), (ca.Calls(FakeAcmeServer.NewOrder), ca.Calls(FakeAcmeServer.Order)));
        Assert.Single(created.Document.Status.Authorizations);
        Assert.Single(await OutboxRows.ReadAsync<SolveChallenge>(fixture, s => s.Namespace == command.Namespace));
        Assert.Empty(await OutboxRows.ReadAsync<AcmeOrderFailed>(fixture, f => f.Namespace == command.Namespace));
    }

    [Theory]
    [InlineData(500, "serverInternal", true)]
    [InlineData(503, "serverInternal", true)]
    [InlineData(429, "rateLimited", true)]
    [InlineData(403, "unauthorized", false)]
    [InlineData(400, "rejectedIdentifier", false)]
    [InlineData(400, "unsupportedIdentifier", false)]
    [InlineData(400, "caa", false)]
    [InlineData(403, "userActionRequired", false)]
    public async Task CreateAsync_CaProblemAtNewOrder_RetriedSoonOnlyWhenTransient(int status, string type, bool transient)
    {
        await using var ca = await FakeAcmeServer.StartAsync();
        ca.RateLimitNewOrders = false;
        ca.FailNext(FakeAcmeServer.NewOrder, status, type, $"the CA says {type}");
        var command = await CommandAsync(ca);

        await CreateAsync(command);

        var retries = await OutboxRows.ReadAsync<CreateAcmeOrder>(fixture, c => c.Namespace == command.Namespace);
        var failures = await OutboxRows.ReadAsync<AcmeOrderFailed>(fixture, f => f.Namespace == command.Namespace);
        var order = (await OrderAsync(command)).Document;
        if (transient)
        {
            Assert.Equal(1, Assert.Single(retries).Attempt);
            Assert.Empty(failures);
            Assert.False(OrderStates.IsFinal(order.Status.State));
        }
        else
        {
            Assert.Empty(retries);
            Assert.Equal($"Failed to create Order: the CA says {type}", Assert.Single(failures).Message);
            Assert.Equal(OrderStates.Errored, order.Status.State);
        }
    }
}
