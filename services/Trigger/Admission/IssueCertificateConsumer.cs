using CertMesh.Contracts;
using CertMesh.Hosting.Bus;
using MassTransit;

namespace CertMesh.Trigger.Admission;

/// <summary>
/// Entry point for users: admit the command, answer request/response callers, tell subscribers about rejections.
/// Answers go through the outbox with the admission's commit, so a caller is answered even when the broker fails
/// between the commit and the reply, and a redelivered command is answered again (from its inbox mark).
/// </summary>
[Inbox("trigger:issue-certificate")]
internal sealed class IssueCertificateConsumer(CertificateAdmission admission) : IConsumer<IssueCertificate>
{
    public async Task Consume(ConsumeContext<IssueCertificate> context)
    {
        var cancellationToken = context.CancellationToken;
        var unit = context.UnitOfWork();
        var result = await admission.AdmitAsync(unit, context.Message, cancellationToken);
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
