using System.Threading.Channels;
using MassTransit;

namespace CertMesh.ChallengeSolver.Tests.Support;

/// <summary>
/// Reports every delivery the consumers finished, redeliveries included (the harness's own lists keep one entry
/// per message id, so they cannot tell a redelivery was handled).
/// </summary>
internal sealed class ConsumeCounter : IConsumeObserver
{
    readonly Channel<(Guid? MessageId, Exception? Fault)> _done = Channel.CreateUnbounded<(Guid?, Exception?)>();

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class => _done.Writer.WriteAsync((context.MessageId, null)).AsTask();

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class =>
        _done.Writer.WriteAsync((context.MessageId, exception)).AsTask();

    /// <summary>The next finished delivery; throws if the consumer faulted on it.</summary>
    public async Task<Guid?> NextAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var (id, fault) = await _done.Reader.ReadAsync(cancel.Token);
        return fault is null ? id : throw new InvalidOperationException($"the consumer faulted on message {id}", fault);
    }
}
