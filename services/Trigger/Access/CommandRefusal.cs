using CertMesh.Contracts;
using CertMesh.Domain.Authorization;
using CertMesh.Persistence.Database;
using MassTransit;

namespace CertMesh.Trigger.Access;

/// <summary>
/// How a refused <see cref="RenewCertificate"/> or <see cref="DeleteCertificate"/> is answered: <see cref="CommandForbidden"/>,
/// to the requester or, for a command sent without a request, published for whoever watches. Written through the outbox
/// like every other answer; nothing else is.
/// </summary>
internal static class CommandRefusal
{
    public static Task AnswerAsync(ConsumeContext context, UnitOfWork unit, string @namespace, string name, AccessDecision decision)
    {
        var forbidden = new CommandForbidden { Namespace = @namespace, Name = name, Message = $"Forbidden: {decision.Message}" };
        return context.RequestId is not null
            ? unit.Outbox.RespondAsync(forbidden, context.CancellationToken)
            : unit.Outbox.PublishAsync(forbidden, context.CancellationToken);
    }
}
