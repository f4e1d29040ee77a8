using CertMesh.Domain.Renewal;
using CertMesh.Trigger.Outcomes;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CertMesh.Trigger.Tests.Outcomes;

/// <summary>Trigger's outcome consumer on MassTransit's in-memory test harness, over an in-memory ledger.</summary>
internal sealed class OutcomeHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    readonly ServiceProvider _provider;

    OutcomeHarness(ServiceProvider provider, InMemoryLedger ledger)
    {
        _provider = provider;
        Ledger = ledger;
        Harness = provider.GetRequiredService<ITestHarness>();
    }

    public InMemoryLedger Ledger { get; }
    public ITestHarness Harness { get; }

    public static async Task<OutcomeHarness> StartAsync()
    {
        var ledger = new InMemoryLedger();
        var provider = new ServiceCollection()
            .AddSingleton<IIssuanceLedger>(ledger)
            .AddSingleton(Backoff.Default)
            .AddSingleton<TimeProvider>(new FakeTimeProvider(Now))
            .AddMassTransitTestHarness(bus => bus.AddConsumer<IssuanceOutcomeConsumer>())
            .BuildServiceProvider(true);
        var harness = new OutcomeHarness(provider, ledger);
        await harness.Harness.Start();
        return harness;
    }

    /// <summary>Publishes <paramref name="message"/> and waits until it has been consumed.</summary>
    public async Task DeliverAsync<T>(T message) where T : class
    {
        var before = Harness.Consumed.Select<T>().Count();
        await Harness.Bus.Publish(message);
        for (var i = 0; i < 200 && Harness.Consumed.Select<T>().Count() == before; i++)
            await Task.Delay(25);
        Assert.True(Harness.Consumed.Select<T>().Count() > before, $"{typeof(T).Name} was never consumed");
    }

    public async ValueTask DisposeAsync()
    {
        await Harness.Stop();
        await _provider.DisposeAsync();
    }
}
