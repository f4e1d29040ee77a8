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
        Assert.Contains("attempt 2 of 8", stored.Document.Status.Reason, StringComparison.Ordinal);
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
        var command = await CommandAsync(ca) with { Attempt = fixture.Options.MaxCreateAttempts - 1 };

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
}
