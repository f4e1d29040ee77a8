using System.Collections.Concurrent;
using CertMesh.Contracts;
using MassTransit;

namespace CertMesh.Faults.Tests.Support;

/// <summary>Every CertificateIssued the caller received, with its MessageId (a re-sent event keeps its id).</summary>
public sealed class IssuedLog
{
    readonly ConcurrentQueue<(CertificateIssued Message, Guid? MessageId)> _received = new();

    public void Add(CertificateIssued message, Guid? messageId) => _received.Enqueue((message, messageId));

    public IReadOnlyList<(CertificateIssued Message, Guid? MessageId)> For(string @namespace) =>
        _received.Where(r => r.Message.Namespace == @namespace).ToList();

    public IReadOnlySet<string> Names(string @namespace) => For(@namespace).Select(r => r.Message.Name).ToHashSet();
}

public sealed class IssuedLogConsumer(IssuedLog log) : IConsumer<CertificateIssued>
{
    public Task Consume(ConsumeContext<CertificateIssued> context)
    {
        log.Add(context.Message, context.MessageId);
        return Task.CompletedTask;
    }
}
