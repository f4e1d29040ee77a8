using CertMesh.Contracts;
using CertMesh.Domain.Authorization;
using CertMesh.Domain.Policies;
using CertMesh.Domain.Resources;
using CertMesh.Hosting.Bus;
using CertMesh.Persistence.Resources;
using CertMesh.Trigger.Access;
using CertMesh.Trigger.Issuance;
using MassTransit;

namespace CertMesh.Trigger.Commands;

/// <summary><c>cmctl renew</c>: issue a new revision now, unless one is already being issued. A sender without <c>renew</c> in
/// the namespace gets <see cref="CommandForbidden"/>.</summary>
[Inbox("trigger:renew-certificate")]
internal sealed class RenewCertificateConsumer(BusCaller caller, IssuanceStarter starter) : IConsumer<RenewCertificate>
{
    public async Task Consume(ConsumeContext<RenewCertificate> context)
    {
        var cancellationToken = context.CancellationToken;
        var unit = context.UnitOfWork();
        var authorization = await caller.AuthorizeAsync(context, unit, Verbs.Renew, context.Message.Namespace, context.Message.Name);
        if (!authorization.Allowed)
        {
            // Refused before the Certificate is even read: the answer does not tell whether it exists.
            await CommandRefusal.AnswerAsync(context, unit, context.Message.Namespace, context.Message.Name, authorization.Decision);
            return;
        }
        var key = new ResourceKey(ResourceKinds.Certificate, context.Message.Namespace, context.Message.Name);
        var stored = await unit.Resources.GetAsync<Certificate>(key, cancellationToken);
        var outcome = stored is null ? Reconciled.Unchanged : await starter.ReconcileAsync(unit, stored, PolicyReasons.ManuallyTriggered, cancellationToken);
        var started = outcome == Reconciled.IssuanceStarted;
        if (stored is not null)
        {
            BusCaller.Accepted(unit, authorization, Verbs.Renew, key.Namespace, key.Name, outcome switch
            {
                Reconciled.IssuanceStarted => "issuance started",
                Reconciled.WaitingForOwner => "asked the owner for a CSR from a new key",
                _ => "already issuing",
            });
            if (started)
                await unit.Events.NormalAsync(key, "Requested", $"Renewal requested by {authorization.Actor}", cancellationToken);
        }

        if (context.RequestId is null)
            return;
        if (stored is not null)
            await unit.Outbox.RespondAsync(new IssueCertificateAccepted { Namespace = key.Namespace, Name = key.Name, IssuanceStarted = started }, cancellationToken);
        else
            await unit.Outbox.RespondAsync(new CertificateNotFound { Namespace = key.Namespace, Name = key.Name }, cancellationToken);
    }
}
