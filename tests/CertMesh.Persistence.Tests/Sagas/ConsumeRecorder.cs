using System.Collections.Concurrent;
using MassTransit;

namespace CertMesh.Persistence.Tests.Sagas;

/// <summary>
/// Tells a test when the bus has finished with a message (the saga repository committed or rolled back), including
/// deliveries the inbox dropped, which change nothing one could poll for. Keyed by message type and MessageId.
/// </summary>
public sealed class ConsumeRecorder : IConsumeObserver
{
    readonly ConcurrentDictionary<(Type, Guid), Outcomes> _outcomes = new();

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        if (context.MessageId is { } id)
            For<T>(id).Succeeded.Release();
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
    {
        // Observed with MassTransit 8.4.0: reported once per delivery, after UseMessageRetry gave up (not per attempt).
        if (context.MessageId is { } id)
            For<T>(id).Faults.Enqueue(exception);
        return Task.CompletedTask;
    }

    /// <summary>Waits until <typeparamref name="T"/> with this MessageId has been consumed successfully <paramref name="count"/> times.</summary>
    public async Task WaitForSuccessesAsync<T>(Guid messageId, int count, TimeSpan timeout)
    {
        var outcomes = For<T>(messageId);
        for (var i = 0; i < count; i++)
        {
            if (!await outcomes.Succeeded.WaitAsync(timeout))
            {
                throw new TimeoutException(
                    $"timed out after {timeout.TotalSeconds:0}s waiting for {typeof(T).Name} {messageId} to be consumed {count} time(s); seen {i}; " +
                    $"faults: {string.Join(" | ", outcomes.Faults.Select(f => f.GetType().Name + ": " + f.Message))}");
            }
        }
    }

    /// <summary>Waits for a fault of <typeparamref name="T"/> with this MessageId caused by <typeparamref name="TException"/> (possibly wrapped).</summary>
    public async Task<Exception> WaitForFaultAsync<T, TException>(Guid messageId, TimeSpan timeout) where TException : Exception
    {
        var outcomes = For<T>(messageId);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var match = outcomes.Faults.FirstOrDefault(f => Causes(f).OfType<TException>().Any());
            if (match is not null)
                return match;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"timed out after {timeout.TotalSeconds:0}s waiting for {typeof(T).Name} {messageId} to fault with {typeof(TException).Name}");
            await Task.Delay(50);
        }
    }

    static IEnumerable<Exception> Causes(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Causes))
                    yield return inner;
            }
        }
    }

    Outcomes For<T>(Guid messageId) => _outcomes.GetOrAdd((typeof(T), messageId), _ => new Outcomes());

    sealed class Outcomes
    {
        public SemaphoreSlim Succeeded { get; } = new(0);
        public ConcurrentQueue<Exception> Faults { get; } = new();
    }
}
