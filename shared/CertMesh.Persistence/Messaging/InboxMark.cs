namespace CertMesh.Persistence.Messaging;

/// <summary>The inbox row a unit of work took for the message it handles: which consumer, which message.</summary>
internal sealed record InboxMark(string Consumer, Guid MessageId);
