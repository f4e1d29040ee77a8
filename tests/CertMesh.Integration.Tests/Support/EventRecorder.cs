using System.Collections.Concurrent;
using CertMesh.Contracts;
using MassTransit;

namespace CertMesh.Integration.Tests.Support;

/// <summary>Everything CertMesh announced, as a subscribing user sees it, keyed by namespace/name.</summary>
public sealed class EventRecorder
{
    readonly ConcurrentQueue<Received<CertificateIssued>> _issued = new();
    readonly ConcurrentQueue<Received<CertificateIssuanceFailed>> _failed = new();
    readonly ConcurrentQueue<CertificateRenewalRequested> _renewalRequests = new();

    public IReadOnlyList<Received<CertificateIssued>> Issued => _issued.ToArray();
    public IReadOnlyList<Received<CertificateIssuanceFailed>> Failed => _failed.ToArray();

    internal void Add(CertificateIssued message, Guid? messageId) => _issued.Enqueue(new(message, messageId));
    internal void Add(CertificateIssuanceFailed message, Guid? messageId) => _failed.Enqueue(new(message, messageId));
    internal void Add(CertificateRenewalRequested message) => _renewalRequests.Enqueue(message);

    /// <summary>The questions CertMesh asked owners of CSR-mode certificates for a new key.</summary>
    public IReadOnlyList<CertificateRenewalRequested> RenewalRequestsFor(string @namespace, string name) =>
        _renewalRequests.Where(r => r.Namespace == @namespace && r.Name == name).ToList();

    public IReadOnlyList<CertificateIssued> IssuedFor(string @namespace, string name) =>
        Issued.Where(r => r.Message.Namespace == @namespace && r.Message.Name == name).Select(r => r.Message).ToList();

    public async Task<CertificateIssued> WaitForIssuedAsync(string @namespace, string name, int revision = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (DateTime.UtcNow < deadline)
        {
            var match = IssuedFor(@namespace, name).FirstOrDefault(m => m.Revision == revision);
            if (match is not null)
                return match;
            var failure = Failed.LastOrDefault(f => f.Message.Namespace == @namespace && f.Message.Name == name);
            if (failure is not null)
                throw new InvalidOperationException($"issuance of {@namespace}/{name} failed: {failure.Message.Reason}: {failure.Message.Message}");
            await Task.Delay(50);
        }
        throw new TimeoutException($"no CertificateIssued for {@namespace}/{name} revision {revision} within the timeout");
    }

    public async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"timed out waiting for {what}");
            await Task.Delay(50);
        }
    }
}

public sealed record Received<T>(T Message, Guid? MessageId);

internal sealed class IssuedRecorderConsumer(EventRecorder recorder)
    : IConsumer<CertificateIssued>, IConsumer<CertificateIssuanceFailed>, IConsumer<CertificateRenewalRequested>
{
    public Task Consume(ConsumeContext<CertificateRenewalRequested> context)
    {
        recorder.Add(context.Message);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<CertificateIssued> context)
    {
        recorder.Add(context.Message, context.MessageId);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<CertificateIssuanceFailed> context)
    {
        recorder.Add(context.Message, context.MessageId);
        return Task.CompletedTask;
    }
}
