using CertMesh.Contracts;
using CertMesh.Domain.Authorization;
using CertMesh.Domain.Validation;
using CertMesh.Hosting.Bus;
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
        var decision = await caller.AuthorizeAsync(context, Verbs.Apply, context.Message.Namespace);
        var result = decision.Allowed
            ? await admission.AdmitAsync(unit, context.Message, cancellationToken)
            : AdmissionResult.Reject([FieldErrors.Forbidden("metadata.namespace", decision.Message)]);
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
}
