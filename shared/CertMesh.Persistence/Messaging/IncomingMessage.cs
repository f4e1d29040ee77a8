using MassTransit;

namespace CertMesh.Persistence.Messaging;

/// <summary>
/// The message a unit of work handles: its id (the inbox key), where a reply goes, and the conversation the unit's
/// own messages continue. Taken from the consume context, so replies can be sent after the commit, by the outbox.
/// <paramref name="Redelivered"/>: the broker delivered it before (to a consumer that did not acknowledge it), so it
/// was most likely handled already.
/// </summary>
public sealed record IncomingMessage(Guid MessageId, Guid? ConversationId, Guid? RequestId, Uri? ResponseAddress, bool Redelivered = false)
{
    /// <returns>null when the transport gave the message no id (MassTransit always sets one).</returns>
    public static IncomingMessage? Of(ConsumeContext context) =>
        context.MessageId is { } id
            ? new IncomingMessage(id, context.ConversationId, context.RequestId, context.ResponseAddress, context.ReceiveContext.Redelivered)
            : null;
}
