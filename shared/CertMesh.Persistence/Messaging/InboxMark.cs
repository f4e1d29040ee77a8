namespace CertMesh.Persistence.Messaging;

/// <summary>
/// The inbox row a unit of work holds for the message it handles: which consumer, which message, and whether the row is
/// already written (taken before the handler ran) or is written with the commit, together with what the message is owed.
/// </summary>
internal sealed record InboxMark(string Consumer, Guid MessageId, bool Written);
