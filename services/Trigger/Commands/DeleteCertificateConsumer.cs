using CertMesh.Contracts;
using CertMesh.Domain.Resources;
using CertMesh.Hosting.Bus;
using CertMesh.Persistence.Resources;
using MassTransit;

namespace CertMesh.Trigger.Commands;

/// <summary>Removes the Certificate and its history; Issuing removes its requests and Secret on <see cref="CertificateDeleted"/>.</summary>
[Inbox("trigger:delete-certificate")]
internal sealed class DeleteCertificateConsumer : IConsumer<DeleteCertificate>
{
    public async Task Consume(ConsumeContext<DeleteCertificate> context)
    {
        var cancellationToken = context.CancellationToken;
        var unit = context.UnitOfWork();
        var key = new ResourceKey(ResourceKinds.Certificate, context.Message.Namespace, context.Message.Name);
        var stored = await unit.Resources.GetAsync<Certificate>(key, cancellationToken);
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

        if (context.RequestId is null)
            return;
        if (stored is null)
            await unit.Outbox.RespondAsync(new CertificateNotFound { Namespace = key.Namespace, Name = key.Name }, cancellationToken);
        else
            await unit.Outbox.RespondAsync(new CertificateDeleted { Namespace = key.Namespace, Name = key.Name }, cancellationToken);
    }
}
