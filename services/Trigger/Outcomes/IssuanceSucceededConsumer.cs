using CertMesh.Contracts;
using CertMesh.Contracts.Issuance;
using CertMesh.Domain.Renewal;
using CertMesh.Domain.Resources;
using CertMesh.Hosting.Bus;
using CertMesh.Persistence.Resources;
using MassTransit;

namespace CertMesh.Trigger.Outcomes;

/// <summary>
/// Records an issued revision on its Certificate — Ready, the validity, when to renew, the revision — and then, in the
/// same transaction, announces <see cref="CertificateIssued"/>: a subscriber who reads the Certificate on that event
/// finds it ready. An outcome for an issuance that is no longer the Certificate's (deleted, re-created, or already
/// recorded) changes nothing.
/// </summary>
[Inbox("trigger:issuance-succeeded")]
internal sealed class IssuanceSucceededConsumer(IIssuanceLedger ledger, TimeProvider time) : IConsumer<IssuanceSucceeded>
{
    public async Task Consume(ConsumeContext<IssuanceSucceeded> context)
    {
        var issued = context.Message;
        var key = new ResourceKey(ResourceKinds.Certificate, issued.Namespace, issued.Name);
        var stored = await ledger.GetAsync(context, key);
        if (stored is null || !InFlight.Is(stored.Document, issued.CertificateUid, issued.IssuanceId))
            return;

        var certificate = stored.Document;
        var now = time.GetUtcNow();
        var renewalTime = RenewalTime.Compute(issued.NotBefore, issued.NotAfter, certificate.Spec);
        var updated = certificate with
        {
            Status = certificate.Status with
            {
                Conditions = CertificateConditions.Issued(certificate, now),
                NotBefore = issued.NotBefore,
                NotAfter = issued.NotAfter,
                RenewalTime = renewalTime,
                Revision = issued.Revision,
                IssuingRevision = null,
                IssuingId = null,
                NextPrivateKeySecretName = null,
                FailedIssuanceAttempts = null,
                LastFailureTime = null,
                IssuedSpecHash = issued.SpecHash,
            },
        };
        await ledger.UpdateAsync(context, key, updated, stored.ResourceVersion, renewalTime);
        await ledger.RecordEventAsync(context, key, EventTypes.Normal, "Issuing", CertificateConditions.IssuedMessage);
        await ledger.PublishAsync(context, new CertificateIssued
        {
            Namespace = issued.Namespace,
            Name = issued.Name,
            Uid = issued.CertificateUid,
            Revision = issued.Revision,
            SecretName = issued.SecretName,
            SerialNumber = issued.SerialNumber,
            NotBefore = issued.NotBefore,
            NotAfter = issued.NotAfter,
            RenewalTime = renewalTime,
            CertificatePem = issued.CertificatePem,
            CaPem = issued.CaPem,
        });
    }
}
