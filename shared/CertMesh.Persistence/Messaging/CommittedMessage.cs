namespace CertMesh.Persistence.Messaging;

/// <summary>
/// A committed outbox message as the dispatcher sends it: the object itself (handed over from memory, or read back
/// from its row) with the headers the consumer's own publish or respond would have set. <see cref="Destination"/>
/// null means publish; otherwise it is a reply, sent there.
/// </summary>
public sealed record CommittedMessage(
    Guid MessageId,
    object Message,
    Type Type,
    string? Destination,
    Guid? RequestId,
    Guid? ConversationId,
    Guid? InitiatorId,
    string? TraceParent,
    string? TraceState);
