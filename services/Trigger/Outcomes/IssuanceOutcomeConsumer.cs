using CertMesh.Contracts;
using CertMesh.Contracts.Issuance;
using CertMesh.Domain.Renewal;
using CertMesh.Domain.Resources;
using CertMesh.Hosting.Bus;
using CertMesh.Persistence.Resources;
using MassTransit;

namespace CertMesh.Trigger.Outcomes;

/// <summary>
/// Records the outcome of the Issuing saga on its Certificate, then announces it in the same transaction, so a subscriber
/// who reads the Certificate on <see cref="CertificateIssued"/> or <see cref="CertificateIssuanceFailed"/> finds the outcome
/// there. Issued: Ready, the validity, when to renew, the revision. Failed: Issuing False, one more failed attempt, and
/// the back-off after which the sweep tries again. An outcome for an issuance that is no longer the Certificate's
/// (deleted, re-created, or already recorded) changes nothing.
/// </summary>
[Inbox("trigger:issuance-outcome")]
internal sealed class IssuanceOutcomeConsumer(IIssuanceLedger ledger, Backoff backoff, TimeProvider time)
    : IConsumer<IssuanceSucceeded>, IConsumer<IssuanceFailed>
{
    public async Task Consume(ConsumeContext<IssuanceSucceeded> context)
    {
        var issued = context.Message;
        if (await InFlightAsync(context, issued.Namespace, issued.Name, issued.CertificateUid, issued.IssuanceId) is not { } stored)
            return;
        var certificate = stored.Document;
        var renewalTime = RenewalTime.Compute(issued.NotBefore, issued.NotAfter, certificate.Spec);
        var status = certificate.Status with
        {
            Conditions = CertificateConditions.Issued(certificate, time.GetUtcNow()),
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
        };
        await RecordAsync(context, stored, status, renewalTime, EventTypes.Normal, "Issuing", CertificateConditions.IssuedMessage, new CertificateIssued
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

    public async Task Consume(ConsumeContext<IssuanceFailed> context)
    {
        var failed = context.Message;
        if (await InFlightAsync(context, failed.Namespace, failed.Name, failed.CertificateUid, failed.IssuanceId) is not { } stored)
            return;
        var certificate = stored.Document;
        var now = time.GetUtcNow();
        var attempts = (certificate.Status.FailedIssuanceAttempts ?? 0) + 1;
        var nextAttempt = backoff.NextAttempt(attempts, now);
        var status = certificate.Status with
        {
            Conditions = CertificateConditions.IssuanceFailed(certificate, failed.Reason, failed.Message, now),
            IssuingRevision = null,
            IssuingId = null,
            FailedIssuanceAttempts = attempts,
            LastFailureTime = now,
        };
        await RecordAsync(context, stored, status, nextAttempt, EventTypes.Warning, CertificateConditions.FailedReason, CertificateConditions.FailureMessage(failed.Message), new CertificateIssuanceFailed
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

    /// <summary>The Certificate, if <paramref name="issuanceId"/> is the revision it (not a re-created namesake) waits for.</summary>
    async Task<Stored<Certificate>?> InFlightAsync(ConsumeContext context, string @namespace, string name, Guid certificateUid, Guid issuanceId)
    {
        var stored = await ledger.GetAsync(context, KeyOf(@namespace, name));
        return stored is { Document.Metadata.Uid: var uid, Document.Status.IssuingId: var issuing } && uid == certificateUid && issuing == issuanceId
            ? stored
            : null;
    }

    /// <summary>The new status (due again at <paramref name="dueAt"/>), its event, then the announcement: one transaction.</summary>
    async Task RecordAsync<T>(ConsumeContext context, Stored<Certificate> stored, CertificateStatus status, DateTimeOffset dueAt,
        string eventType, string reason, string message, T announcement) where T : class
    {
        var certificate = stored.Document;
        var key = KeyOf(certificate.Metadata.Namespace, certificate.Metadata.Name);
        await ledger.UpdateAsync(context, key, certificate with { Status = status }, stored.ResourceVersion, dueAt);
        await ledger.RecordEventAsync(context, key, eventType, reason, message);
        await ledger.PublishAsync(context, announcement);
    }

    static ResourceKey KeyOf(string @namespace, string name) => new(ResourceKinds.Certificate, @namespace, name);
}
