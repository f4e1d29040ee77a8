using CertMesh.AcmeOrder.Orders;
using CertMesh.AcmeOrder.Tests.Support;
using CertMesh.Contracts;
using CertMesh.Contracts.Acme;
using CertMesh.Contracts.Issuers;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Resources;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CertMesh.AcmeOrder.Tests.Bus;

/// <summary>
/// The consumers as the bus runs them (Extensions' registration and definitions, MassTransit's in-memory harness in
/// place of RabbitMQ): the inbox drops a redelivered message, the Order drops a duplicate command.
/// </summary>
[Collection(AcmeOrderCollection.Name)]
public sealed class ConsumerTests(AcmeOrderFixture fixture) : IAsyncLifetime
{
    ServiceProvider _services = null!;
    ITestHarness Harness => _services.GetRequiredService<ITestHarness>();

    public async Task InitializeAsync()
    {
        _services = fixture.CreateServices(services => services.AddMassTransitTestHarness(bus => bus.AddAcmeOrderConsumers()));
        await Harness.Start();
    }

    public async Task DisposeAsync()
    {
        await Harness.Stop();
        await _services.DisposeAsync();
    }

    async Task<int> ConsumedAsync<T>(int expected) where T : class
    {
        var count = 0;
        await foreach (var _ in Harness.Consumed.SelectAsync<T>())
        {
            if (++count == expected)
                break;
        }
        return count;
    }

    [Fact]
    public async Task IssuerChanged_AcmeIssuer_RegistersTheAccount()
    {
        var ns = Seed.Namespace();
        var key = await Seed.StoreAsync(fixture, Seed.AcmeIssuer(ResourceKinds.Issuer, ns, "pebble", fixture.Directory));

        await Harness.Bus.Publish(new IssuerChanged { Kind = ResourceKinds.Issuer, Namespace = ns, Name = "pebble", Generation = 1 });

        Assert.Equal(1, await ConsumedAsync<IssuerChanged>(1));
        var issuer = await Eventually.UntilAsync(
            () => fixture.ReadAsync(async unit => (await unit.Resources.GetAsync<Issuer>(key, CancellationToken.None))!.Document),
            i => i.Status.Acme is not null, "the issuer's account registration");
        Assert.True(Conditions.IsTrue(issuer.Status.Conditions, "Ready"));
    }

    [Fact]
    public async Task CreateAcmeOrder_RedeliveredAndDuplicated_OneOrderOneSetOfChallenges()
    {
        var ns = Seed.Namespace();
        await Seed.StoreAsync(fixture, Seed.AcmeIssuer(ResourceKinds.Issuer, ns, "pebble", fixture.Directory));
        var command = Seed.Command(ns, new IssuerReference { Name = "pebble" }, [Seed.DnsName("bus")]);
        var messageId = NewId.NextGuid();

        await Harness.Bus.Publish(command, context => context.MessageId = messageId);
        await Harness.Bus.Publish(command, context => context.MessageId = messageId);
        await Harness.Bus.Publish(command);

        // The harness lists a message id once, so the redelivery is not counted: wait until the bus is idle instead.
        Assert.Equal(2, await ConsumedAsync<CreateAcmeOrder>(2));
        await Harness.InactivityTask;
        Assert.False(await Harness.Published.Any<Fault<CreateAcmeOrder>>());
        var orders = await Eventually.UntilAsync(
            () => fixture.ReadAsync(unit => unit.Resources.ListAsync<Order>(ResourceKinds.Order, ns, CancellationToken.None)),
            list => list.Count > 0, "the Order");
        Assert.Equal(OrderCreation.OrderNameFor(command), Assert.Single(orders).Document.Metadata.Name);
        Assert.Single(await OutboxRows.ReadAsync<SolveChallenge>(fixture, s => s.Namespace == ns));
    }
}
