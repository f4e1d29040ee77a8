namespace CertMesh.Persistence.Messaging;

/// <summary>
/// One outbox row before it is written: published when <see cref="Destination"/> is null, otherwise sent there (a
/// request's reply). <see cref="DueAt"/> null means as soon as the transaction commits.
/// </summary>
internal sealed record OutgoingMessage(
    Guid MessageId,
    string MessageType,
    string Body,
    DateTime? DueAt,
    string? Destination,
    Guid? RequestId,
    Guid? ConversationId,
    Guid? InitiatorId);
