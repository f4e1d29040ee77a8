namespace CertMesh.Persistence.Messaging;

/// <summary>Wakes the outbox dispatcher right after a commit, so delivery does not wait for the next poll.</summary>
public sealed class OutboxSignal
{
    readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Notify()
    {
        try { _semaphore.Release(); }
        catch (SemaphoreFullException) { } // already signalled: one wake-up covers every commit before it
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        await _semaphore.WaitAsync(timeout, cancellationToken);
    }
}
