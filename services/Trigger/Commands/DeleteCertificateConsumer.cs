using CertMesh.Contracts;
using CertMesh.Domain.Authorization;
using CertMesh.Domain.Resources;
using CertMesh.Hosting.Bus;
using CertMesh.Persistence.Resources;
using CertMesh.Trigger.Access;
using MassTransit;

namespace CertMesh.Trigger.Commands;

/// <summary>Removes the Certificate and its history; Issuing removes its requests and Secret on <see cref="CertificateDeleted"/>.
/// A sender without <c>delete</c> in the namespace gets <see cref="CommandForbidden"/>.</summary>
[Inbox("trigger:delete-certificate")]
internal sealed class DeleteCertificateConsumer(BusCaller caller) : IConsumer<DeleteCertificate>
{
    public async Task Consume(ConsumeContext<DeleteCertificate> context)
    {
        var cancellationToken = context.CancellationToken;
        var unit = context.UnitOfWork();
        var authorization = await caller.AuthorizeAsync(context, unit, Verbs.Delete, context.Message.Namespace, context.Message.Name);
        if (!authorization.Allowed)
        {
            // Refused before the Certificate is even read: the answer does not tell whether it exists.
            await CommandRefusal.AnswerAsync(context, unit, context.Message.Namespace, context.Message.Name, authorization.Decision);
            return;
        }
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
            BusCaller.Accepted(unit, authorization, Verbs.Delete, key.Namespace, key.Name, "deleted");
        }

        if (context.RequestId is null)
            return;
        if (stored is null)
            await unit.Outbox.RespondAsync(new CertificateNotFound { Namespace = key.Namespace, Name = key.Name }, cancellationToken);
        else
            await unit.Outbox.RespondAsync(new CertificateDeleted { Namespace = key.Namespace, Name = key.Name }, cancellationToken);
    }
}
