using CertMesh.Contracts;
using CertMesh.Domain.Resources;
using CertMesh.Hosting.Bus;
using CertMesh.Persistence.Database;
using MassTransit;

namespace CertMesh.Issuing.Cleanup;

/// <summary>After a Certificate is deleted: remove its requests and the Secret it wrote (only if the Secret says it is theirs).</summary>
[Inbox("issuing:certificate-deleted")]
internal sealed class CertificateDeletedConsumer : IConsumer<CertificateDeleted>
{
    public async Task Consume(ConsumeContext<CertificateDeleted> context)
    {
        var message = context.Message;
        var cancellationToken = context.CancellationToken;
        var unit = context.UnitOfWork();

        // By the name label, not by walking down from LastRevision: a revision deleted mid-issuance has no request yet,
        // and the walk stopped at that gap, leaving every older request behind.
        await unit.Resources.DeleteOwnedByCertificateAsync(ResourceKinds.CertificateRequest, message.Namespace, message.Name, cancellationToken);
        var secret = await unit.Secrets.GetAsync(message.Namespace, message.SecretName, cancellationToken);
        if (secret?.Document.Metadata.Annotations?.GetValueOrDefault(SecretAnnotations.CertificateName) == message.Name)
            await unit.Secrets.DeleteAsync(message.Namespace, message.SecretName, cancellationToken);
    }
}
