namespace CertMesh.Persistence.Tests.Sagas;

// Test-local contracts: their exchanges and queues belong to this folder alone.

public sealed record IncrementCounter
{
    public Guid CorrelationId { get; init; }
}

public sealed record FinishCounter
{
    public Guid CorrelationId { get; init; }

    /// <summary>Throw after the activity has written its outbox row, to prove the row rolls back with the state.</summary>
    public bool FailAfterOutboxWrite { get; init; }
}

public sealed record CounterFinished
{
    public Guid CorrelationId { get; init; }
    public int Count { get; init; }
}

public sealed class SimulatedFailureException(string message) : Exception(message);
