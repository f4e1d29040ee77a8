using CertMesh.Contracts.Issuance;
using CertMesh.Issuing.Sagas;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CertMesh.Issuing.Tests.Sagas;

/// <summary>The issuance state machine on MassTransit's in-memory test harness: no broker, no database.</summary>
internal sealed class SagaHarness : IAsyncDisposable
{
    readonly ServiceProvider _provider;

    SagaHarness(ServiceProvider provider, ScriptedSteps steps)
    {
        _provider = provider;
        Steps = steps;
        Harness = provider.GetRequiredService<ITestHarness>();
        Saga = Harness.GetSagaStateMachineHarness<IssuanceStateMachine, IssuanceState>();
    }

    public ScriptedSteps Steps { get; }
    public ITestHarness Harness { get; }
    public ISagaStateMachineTestHarness<IssuanceStateMachine, IssuanceState> Saga { get; }
    public IssuanceStateMachine Machine => Saga.StateMachine;

    /// <param name="faulty">consumers that stand for a KeyManager or AcmeOrder that throws.</param>
    public static async Task<SagaHarness> StartAsync(ScriptedSteps steps, params Type[] faulty)
    {
        var provider = new ServiceCollection()
            .AddSingleton<IIssuanceSteps>(steps)
            .AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero)))
            .AddMassTransitTestHarness(bus =>
            {
                bus.AddSagaStateMachine<IssuanceStateMachine, IssuanceState>().InMemoryRepository();
                foreach (var consumer in faulty)
                    bus.AddConsumer(consumer);
            })
            .BuildServiceProvider(true);
        var harness = new SagaHarness(provider, steps);
        await harness.Harness.Start();
        return harness;
    }

    public static CertificateIssuanceRequested Request(Guid id, bool hasCsr = false) => new()
    {
        IssuanceId = id,
        CertificateUid = Guid.NewGuid(),
        Namespace = "shop",
        Name = "checkout",
        Revision = 1,
        Reason = "DoesNotExist",
        Message = "Issuing certificate as Secret does not exist",
        HasCsr = hasCsr,
        CertificateSecretName = "checkout-tls",
    };

    public Task PublishAsync<T>(T message) where T : class => Harness.Bus.Publish(message);

    /// <summary>Waits until the saga has consumed a message of type <typeparamref name="T"/> for <paramref name="id"/>.</summary>
    public async Task ConsumedAsync<T>(Guid id, Func<T, Guid> idOf) where T : class =>
        Assert.True(await Saga.Consumed.Any<T>(m => idOf(m.Context.Message) == id), $"the saga never consumed {typeof(T).Name}");

    /// <summary>Waits until instance <paramref name="id"/> is in <paramref name="state"/>.</summary>
    public async Task InStateAsync(Guid id, Func<IssuanceStateMachine, State> state) =>
        Assert.True(await Saga.Exists(id, state) is not null, $"issuance {id} never reached {state(Machine).Name}; it is {Current(id)}");

    public string Current(Guid id) => Saga.Sagas.Contains(id)?.CurrentState ?? "(none)";

    public async ValueTask DisposeAsync()
    {
        await Harness.Stop();
        await _provider.DisposeAsync();
    }
}
