using CertMesh.Contracts;
using CertMesh.Hosting.Bus;
using CertMesh.Persistence.Database;
using MassTransit;

namespace CertMesh.Trigger.Admission;

/// <summary>Entry point for users: admit the command, answer request/response callers, tell subscribers about rejections.</summary>
internal sealed class IssueCertificateConsumer(CertMeshDatabase database, CertificateAdmission admission) : IConsumer<IssueCertificate>
{
    const string InboxName = "trigger:issue-certificate";

    public async Task Consume(ConsumeContext<IssueCertificate> context)
    {
        var cancellationToken = context.CancellationToken;
        AdmissionResult result;
        await using (var unit = await database.BeginOnceAsync(context, InboxName))
        {
            if (unit is null)
                return;
            result = await admission.AdmitAsync(unit, context.Message, cancellationToken);
            // A rejected command leaves no trace, not even its inbox mark: it changed nothing.
            if (!result.Rejected)
                await unit.CommitAsync(cancellationToken);
        }

        if (result.Rejected)
        {
            var rejected = new IssueCertificateRejected { Namespace = context.Message.Namespace, Name = context.Message.Name, Errors = result.Errors };
            if (context.RequestId is not null)
                await context.RespondAsync(rejected);
            else
                await context.Publish(rejected, cancellationToken);
        }
        else if (context.RequestId is not null)
        {
            await context.RespondAsync(result.Accepted!);
        }
    }
}
