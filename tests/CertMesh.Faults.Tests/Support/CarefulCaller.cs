using System.Collections.Concurrent;
using CertMesh.Contracts;
using MassTransit;

namespace CertMesh.Faults.Tests.Support;

/// <summary>
/// A caller that keeps its side of at-least-once, as an application should: answers come to a durable queue of its
/// own (a temporary reply queue dies with the broker, whatever the sender does), and a command whose publish failed or
/// hung is published again with the same MessageId and RequestId, so CertMesh's inbox drops the copy and the caller
/// gets one answer. The publish needs its own bound: when the broker dies under it, RabbitMQ.Client can wait for a
/// confirm that never comes (rabbitmq-dotnet-client#1930). Nothing is re-sent once a publish has gone through: an
/// answer that does not arrive after that is CertMesh's fault, and is counted as unanswered.
/// </summary>
public sealed class CarefulCaller(IBus bus, Uri replyAddress)
{
    static readonly TimeSpan PublishBound = TimeSpan.FromSeconds(10);
    static readonly TimeSpan PublishRetry = TimeSpan.FromMilliseconds(500);
    readonly ConcurrentDictionary<Guid, TaskCompletionSource<Answer>> _pending = new();
    int _republished;
    int _duplicateAnswers;

    public int Republished => Volatile.Read(ref _republished);
    public int DuplicateAnswers => Volatile.Read(ref _duplicateAnswers);

    public async Task<Answer> AskAsync(IssueCertificate command, TimeSpan answerTimeout)
    {
        var requestId = NewId.NextGuid();
        var messageId = NewId.NextGuid();
        var answer = _pending.GetOrAdd(requestId, _ => new TaskCompletionSource<Answer>(TaskCreationOptions.RunContinuationsAsynchronously));
        var giveUp = DateTime.UtcNow + answerTimeout;
        while (true)
        {
            try
            {
                await bus.Publish(command, context =>
                {
                    context.MessageId = messageId;
                    context.RequestId = requestId;
                    context.ResponseAddress = replyAddress;
                }).WaitAsync(PublishBound);
                break;
            }
            catch (Exception) when (DateTime.UtcNow < giveUp)
            {
                Interlocked.Increment(ref _republished);
                await Task.Delay(PublishRetry);
            }
        }
        var remaining = giveUp - DateTime.UtcNow;
        return await Task.WhenAny(answer.Task, Task.Delay(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero)) == answer.Task
            ? await answer.Task
            : Answer.None;
    }

    internal void Answered(Guid? requestId, Answer answer)
    {
        if (requestId is not { } id || !_pending.TryGetValue(id, out var pending) || !pending.TrySetResult(answer))
            Interlocked.Increment(ref _duplicateAnswers);
    }
}

public enum Answer
{
    None,
    Accepted,
    Rejected,
    Faulted,
}

/// <summary>The caller's reply queue: every answer to an IssueCertificate it sent, by RequestId.</summary>
public sealed class CallerReplyConsumer(CarefulCaller caller) :
    IConsumer<IssueCertificateAccepted>,
    IConsumer<IssueCertificateRejected>,
    IConsumer<Fault<IssueCertificate>>
{
    public Task Consume(ConsumeContext<IssueCertificateAccepted> context) => Answer(context, Support.Answer.Accepted);

    public Task Consume(ConsumeContext<IssueCertificateRejected> context) => Answer(context, Support.Answer.Rejected);

    public Task Consume(ConsumeContext<Fault<IssueCertificate>> context) => Answer(context, Support.Answer.Faulted);

    Task Answer(ConsumeContext context, Answer answer)
    {
        caller.Answered(context.RequestId, answer);
        return Task.CompletedTask;
    }
}
