namespace CertMesh.Persistence.Messaging;

/// <summary>
/// One outbox row before it is written: published when <see cref="Destination"/> is null, otherwise sent there (a
/// request's reply). <see cref="DueAt"/> null means as soon as the transaction commits. <see cref="TraceParent"/> and
/// <see cref="TraceState"/> are the W3C trace context of the span that wrote it (null outside any), so the publish,
/// made later by the dispatcher with no span of its own, continues that trace. <see cref="Message"/> is the object the
/// body was made from, handed to the dispatcher after the commit when it goes out at once.
/// </summary>
internal sealed record OutgoingMessage(
    object Message,
    Type Type,
    Guid MessageId,
    string MessageType,
    string Body,
    DateTime? DueAt,
    string? Destination,
    Guid? RequestId,
    Guid? ConversationId,
    Guid? InitiatorId,
    string? TraceParent,
    string? TraceState)
{
    public CommittedMessage Committed() =>
        new(MessageId, Message, Type, Destination, RequestId, ConversationId, InitiatorId, TraceParent, TraceState);
}
