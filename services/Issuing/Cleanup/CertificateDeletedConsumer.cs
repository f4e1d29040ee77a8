using CertMesh.Contracts;
using CertMesh.Domain.Resources;
using CertMesh.Hosting.Bus;
using CertMesh.Issuing.Workflow;
using CertMesh.Persistence.Database;
using MassTransit;

namespace CertMesh.Issuing.Cleanup;

/// <summary>After a Certificate is deleted: remove its requests and the Secret it wrote (only if the Secret says it is theirs).</summary>
internal sealed class CertificateDeletedConsumer(CertMeshDatabase database) : IConsumer<CertificateDeleted>
{
    const string InboxName = "issuing:certificate-deleted";

    public async Task Consume(ConsumeContext<CertificateDeleted> context)
    {
        var message = context.Message;
        var cancellationToken = context.CancellationToken;
        await using var unit = await database.BeginOnceAsync(context, InboxName);
        if (unit is null)
            return;

        var requests = await unit.Resources.ListAsync<CertificateRequest>(ResourceKinds.CertificateRequest, message.Namespace, cancellationToken);
        foreach (var request in requests.Where(r => r.Document.Metadata.Labels?.GetValueOrDefault(CertificateRequests.CertificateNameLabel) == message.Name))
        {
            var key = new Persistence.Resources.ResourceKey(ResourceKinds.CertificateRequest, message.Namespace, request.Document.Metadata.Name);
            await unit.Resources.DeleteAsync(key, cancellationToken);
            await unit.Events.DeleteAsync(key, cancellationToken);
        }
        var secret = await unit.Secrets.GetAsync(message.Namespace, message.SecretName, cancellationToken);
        if (secret?.Document.Metadata.Annotations?.GetValueOrDefault(SecretAnnotations.CertificateName) == message.Name)
            await unit.Secrets.DeleteAsync(message.Namespace, message.SecretName, cancellationToken);
        await unit.CommitAsync(cancellationToken);
    }
}
