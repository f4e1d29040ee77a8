using CertMesh.Contracts;
using CertMesh.Domain.Policies;
using CertMesh.Domain.Resources;
using CertMesh.Hosting.Bus;
using CertMesh.Persistence.Database;
using CertMesh.Persistence.Resources;
using CertMesh.Trigger.Issuance;
using MassTransit;

namespace CertMesh.Trigger.Commands;

/// <summary><c>cmctl renew</c>: issue a new revision now, unless one is already being issued.</summary>
internal sealed class RenewCertificateConsumer(CertMeshDatabase database, IssuanceStarter starter) : IConsumer<RenewCertificate>
{
    const string InboxName = "trigger:renew-certificate";

    public async Task Consume(ConsumeContext<RenewCertificate> context)
    {
        var cancellationToken = context.CancellationToken;
        var key = new ResourceKey(ResourceKinds.Certificate, context.Message.Namespace, context.Message.Name);
        bool found;
        var started = false;
        await using (var unit = await database.BeginOnceAsync(context, InboxName))
        {
            if (unit is null)
                return;
            var stored = await unit.Resources.GetAsync<Certificate>(key, cancellationToken);
            found = stored is not null;
            if (stored is not null)
                started = await starter.ReconcileAsync(unit, stored, PolicyReasons.ManuallyTriggered, cancellationToken);
            await unit.CommitAsync(cancellationToken);
        }

        if (context.RequestId is null)
            return;
        if (found)
            await context.RespondAsync(new IssueCertificateAccepted { Namespace = key.Namespace, Name = key.Name, IssuanceStarted = started });
        else
            await context.RespondAsync(new CertificateNotFound { Namespace = key.Namespace, Name = key.Name });
    }
}
