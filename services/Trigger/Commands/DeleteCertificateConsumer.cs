using CertMesh.Contracts;
using CertMesh.Domain.Resources;
using CertMesh.Hosting.Bus;
using CertMesh.Persistence.Database;
using CertMesh.Persistence.Resources;
using MassTransit;

namespace CertMesh.Trigger.Commands;

/// <summary>Removes the Certificate and its history; Issuing removes its requests and Secret on <see cref="CertificateDeleted"/>.</summary>
internal sealed class DeleteCertificateConsumer(CertMeshDatabase database) : IConsumer<DeleteCertificate>
{
    const string InboxName = "trigger:delete-certificate";

    public async Task Consume(ConsumeContext<DeleteCertificate> context)
    {
        var cancellationToken = context.CancellationToken;
        var key = new ResourceKey(ResourceKinds.Certificate, context.Message.Namespace, context.Message.Name);
        bool found;
        await using (var unit = await database.BeginOnceAsync(context, InboxName))
        {
            if (unit is null)
                return;
            var stored = await unit.Resources.GetAsync<Certificate>(key, cancellationToken);
            found = stored is not null;
            if (stored is not null)
            {
                await unit.Resources.DeleteAsync(key, cancellationToken);
                await unit.Events.DeleteAsync(key, cancellationToken);
                await unit.Outbox.PublishAsync(new CertificateDeleted
                {
                    Namespace = key.Namespace,
                    Name = key.Name,
                    Uid = stored.Document.Metadata.Uid,
                    SecretName = stored.Document.Spec.SecretName,
                    LastRevision = Math.Max(stored.Document.Status.Revision ?? 0, stored.Document.Status.IssuingRevision ?? 0),
                }, cancellationToken);
            }
            await unit.CommitAsync(cancellationToken);
        }

        if (context.RequestId is not null && !found)
            await context.RespondAsync(new CertificateNotFound { Namespace = key.Namespace, Name = key.Name });
        else if (context.RequestId is not null)
            await context.RespondAsync(new CertificateDeleted { Namespace = key.Namespace, Name = key.Name });
    }
}
