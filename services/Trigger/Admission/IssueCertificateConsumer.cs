using CertMesh.Contracts;
using CertMesh.Domain.Authorization;
using CertMesh.Domain.Validation;
using CertMesh.Hosting.Bus;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Database;
using CertMesh.Persistence.Resources;
using CertMesh.Trigger.Access;
using MassTransit;

namespace CertMesh.Trigger.Admission;

/// <summary>
/// Entry point for users: admit the command, answer request/response callers, tell subscribers about rejections.
/// Answers go through the outbox with the admission's commit, so a caller is answered even when the broker fails
/// between the commit and the reply, and a redelivered command is answered again (from its inbox mark). A sender
/// without <c>apply</c> in the namespace is rejected like an invalid command, with a Forbidden error on
/// <c>metadata.namespace</c>, before anything is read or written.
/// </summary>
[Inbox("trigger:issue-certificate")]
internal sealed class IssueCertificateConsumer(BusCaller caller, CertificateAdmission admission) : IConsumer<IssueCertificate>
{
    public async Task Consume(ConsumeContext<IssueCertificate> context)
    {
        var cancellationToken = context.CancellationToken;
        var unit = context.UnitOfWork();
        var message = context.Message;
        var authorization = await caller.AuthorizeAsync(context, unit, Verbs.Apply, message.Namespace, message.Name);
        var result = authorization.Allowed
            ? await admission.AdmitAsync(unit, message, cancellationToken)
            : AdmissionResult.Reject([FieldErrors.Forbidden("metadata.namespace", authorization.Decision.Message)]);
        if (authorization.Allowed)
            await RecordAsync(unit, authorization, message, result, cancellationToken);
        if (result.Rejected)
        {
            // A rejected command changes nothing; only its answer (and the inbox mark that remembers it) is written.
            var rejected = new IssueCertificateRejected { Namespace = context.Message.Namespace, Name = context.Message.Name, Errors = result.Errors };
            if (context.RequestId is not null)
                await unit.Outbox.RespondAsync(rejected, cancellationToken);
            else
                await unit.Outbox.PublishAsync(rejected, cancellationToken);
        }
        else if (context.RequestId is not null)
        {
            await unit.Outbox.RespondAsync(result.Accepted!, cancellationToken);
        }
    }

    /// <summary>Who asked, in the audit log; and on the Certificate when it started an issuance (a new or changed spec).</summary>
    static async Task RecordAsync(UnitOfWork unit, BusAuthorization authorization, IssueCertificate message, AdmissionResult result, CancellationToken cancellationToken)
    {
        if (result.Rejected)
        {
            BusCaller.Accepted(unit, authorization, Verbs.Apply, message.Namespace, message.Name, $"invalid: {result.Errors.Count} field error(s), nothing stored");
            return;
        }
        var accepted = result.Accepted!;
        BusCaller.Accepted(unit, authorization, Verbs.Apply, message.Namespace, message.Name, $"generation {accepted.Generation}{(accepted.IssuanceStarted ? ", issuance started" : "")}");
        if (accepted.IssuanceStarted)
            await unit.Events.NormalAsync(new ResourceKey(ResourceKinds.Certificate, message.Namespace, message.Name), "Applied", $"Generation {accepted.Generation} applied by {authorization.Actor}", cancellationToken);
    }
}
