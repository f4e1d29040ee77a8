using MassTransit;

namespace CertMesh.Persistence.Tests.Sagas;

/// <summary>The smallest saga that makes lost updates visible: every applied increment must show in <see cref="Count"/>.</summary>
public sealed class CounterSaga : SagaStateMachineInstance, ISagaVersion
{
    public Guid CorrelationId { get; set; }
    public string CurrentState { get; set; } = "";
    public int Count { get; set; }
    public int Version { get; set; }
}
