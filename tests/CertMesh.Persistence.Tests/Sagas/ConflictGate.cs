using System.Collections.Concurrent;

namespace CertMesh.Persistence.Tests.Sagas;

/// <summary>
/// Makes a concurrency test deterministic: the first <c>width</c> increments of a registered counter that find it
/// existing are held inside the state machine until all of them are there at once. None of them has saved yet, so
/// all loaded the same version, and all but one must lose the optimistic-concurrency check.
/// </summary>
public sealed class ConflictGate(int width)
{
    static readonly ConcurrentDictionary<Guid, ConflictGate> Gates = new();
    static readonly TimeSpan MaxHold = TimeSpan.FromSeconds(15);

    readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    int _arrived;

    public int Width => width;

    /// <summary>True once <see cref="Width"/> handlers were inside at the same time (false if the hold timed out).</summary>
    public bool FilledUp { get; private set; }

    public static ConflictGate Register(Guid correlationId, int width) => Gates[correlationId] = new ConflictGate(width);

    public static Task PassAsync(Guid correlationId) =>
        Gates.TryGetValue(correlationId, out var gate) ? gate.PassAsync() : Task.CompletedTask;

    async Task PassAsync()
    {
        if (_open.Task.IsCompleted)
            return;
        if (Interlocked.Increment(ref _arrived) >= width)
        {
            FilledUp = true;
            _open.TrySetResult();
            return;
        }
        try
        {
            await _open.Task.WaitAsync(MaxHold);
        }
        catch (TimeoutException)
        {
            _open.TrySetResult(); // never block the endpoint for good; the test reports FilledUp == false
        }
    }
}
