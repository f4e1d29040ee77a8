using CertMesh.Contracts;
using CertMesh.Contracts.Issuance;
using CertMesh.Domain.Renewal;
using CertMesh.Domain.Resources;
using CertMesh.Hosting.Bus;
using CertMesh.Persistence.Resources;
using MassTransit;

namespace CertMesh.Trigger.Outcomes;

/// <summary>
/// Records a failed revision on its Certificate: Issuing False, one more failed attempt, and the back-off after which the
/// sweep tries again (the Certificate is due then). Announces <see cref="CertificateIssuanceFailed"/> with the same
/// figures. An outcome for an issuance that is no longer the Certificate's changes nothing.
/// </summary>
[Inbox("trigger:issuance-failed")]
internal sealed class IssuanceFailedConsumer(IIssuanceLedger ledger, Backoff backoff, TimeProvider time) : IConsumer<IssuanceFailed>
{
    public async Task Consume(ConsumeContext<IssuanceFailed> context)
    {
        var failed = context.Message;
        var key = new ResourceKey(ResourceKinds.Certificate, failed.Namespace, failed.Name);
        var stored = await ledger.GetAsync(context, key);
        if (stored is null || !InFlight.Is(stored.Document, failed.CertificateUid, failed.IssuanceId))
            return;

        var certificate = stored.Document;
        var now = time.GetUtcNow();
        var attempts = (certificate.Status.FailedIssuanceAttempts ?? 0) + 1;
        var nextAttempt = backoff.NextAttempt(attempts, now);
        var updated = certificate with
        {
            Status = certificate.Status with
            {
                Conditions = CertificateConditions.IssuanceFailed(certificate, failed.Reason, failed.Message, now),
                IssuingRevision = null,
                IssuingId = null,
                FailedIssuanceAttempts = attempts,
                LastFailureTime = now,
            },
        };
        await ledger.UpdateAsync(context, key, updated, stored.ResourceVersion, nextAttempt);
        await ledger.RecordEventAsync(context, key, EventTypes.Warning, CertificateConditions.FailedReason, CertificateConditions.FailureMessage(failed.Message));
        await ledger.PublishAsync(context, new CertificateIssuanceFailed
        {
            Namespace = failed.Namespace,
            Name = failed.Name,
            Uid = failed.CertificateUid,
            Revision = failed.Revision,
            Reason = failed.Reason,
            Message = failed.Message,
            FailedIssuanceAttempts = attempts,
            NextAttemptAt = nextAttempt,
        });
    }
}
