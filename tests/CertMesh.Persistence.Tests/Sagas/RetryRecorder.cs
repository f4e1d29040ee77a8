using System.Collections.Concurrent;
using MassTransit;

namespace CertMesh.Persistence.Tests.Sagas;

/// <summary>Counts the retries the endpoint's retry filter made because the saga repository reported a version conflict.</summary>
public sealed class RetryRecorder : IRetryObserver
{
    readonly ConcurrentDictionary<Guid, int> _conflicts = new();

    public int ConflictsAmong(IEnumerable<Guid> messageIds) => messageIds.Sum(id => _conflicts.GetValueOrDefault(id));

    public Task PreRetry<T>(RetryContext<T> context) where T : class, PipeContext
    {
        if (context.Exception is ConcurrencyException && context.Context is ConsumeContext { MessageId: { } messageId })
            _conflicts.AddOrUpdate(messageId, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public Task PostCreate<T>(RetryPolicyContext<T> context) where T : class, PipeContext => Task.CompletedTask;

    public Task PostFault<T>(RetryContext<T> context) where T : class, PipeContext => Task.CompletedTask;

    public Task RetryFault<T>(RetryContext<T> context) where T : class, PipeContext => Task.CompletedTask;

    public Task RetryComplete<T>(RetryContext<T> context) where T : class, PipeContext => Task.CompletedTask;
}
