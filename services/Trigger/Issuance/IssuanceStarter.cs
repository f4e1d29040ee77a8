using CertMesh.Contracts.Issuance;
using CertMesh.Domain.Policies;
using CertMesh.Domain.Renewal;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Database;
using CertMesh.Persistence.Resources;

namespace CertMesh.Trigger.Issuance;

/// <summary>
/// Decides, from persisted state alone, whether a certificate needs a new revision: not while one is in flight
/// (one issuance per certificate at a time, held in the database), not during failure back-off, otherwise when
/// the policy chain finds a reason. Starting one records the revision and its id in status and publishes
/// <see cref="CertificateIssuanceRequested"/> in the same transaction.
/// </summary>
internal sealed class IssuanceStarter(Backoff backoff, TimeProvider time)
{
    /// <param name="manualReason">set for a renew command: skips the policy chain and the back-off.</param>
    /// <returns>whether an issuance was started.</returns>
    public async Task<bool> ReconcileAsync(UnitOfWork unit, Stored<Certificate> stored, string? manualReason, CancellationToken cancellationToken)
    {
        var certificate = stored.Document;
        var key = new ResourceKey(ResourceKinds.Certificate, certificate.Metadata.Namespace, certificate.Metadata.Name);
        if (certificate.Status.IssuingRevision is not null)
        {
            await SetDueAsync(unit, key, stored, null, cancellationToken);
            return false;
        }

        var now = time.GetUtcNow();
        if (manualReason is null && NextAttemptAfterFailure(certificate.Status) is { } nextAttempt && nextAttempt > now)
        {
            await SetDueAsync(unit, key, stored, nextAttempt, cancellationToken);
            return false;
        }

        var violation = manualReason is null
            ? await EvaluateAsync(unit, certificate, now, cancellationToken)
            : new PolicyViolation(manualReason, "Certificate re-issuance manually triggered");
        if (violation is null)
        {
            await SetDueAsync(unit, key, stored, certificate.Status.RenewalTime, cancellationToken);
            return false;
        }

        await StartAsync(unit, key, stored, violation, now, cancellationToken);
        return true;
    }

    DateTimeOffset? NextAttemptAfterFailure(CertificateStatus status) =>
        status is { FailedIssuanceAttempts: > 0 and var attempts, LastFailureTime: { } lastFailure }
            ? backoff.NextAttempt(attempts, lastFailure)
            : null;

    static async Task<PolicyViolation?> EvaluateAsync(UnitOfWork unit, Certificate certificate, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var secret = await unit.Secrets.GetAsync(certificate.Metadata.Namespace, certificate.Spec.SecretName, cancellationToken);
        using var contents = secret is null ? null : SecretContents.Parse(secret.Document);
        return PolicyChain.Default.Evaluate(PolicyInput.Create(certificate, contents, now));
    }

    static async Task StartAsync(UnitOfWork unit, ResourceKey key, Stored<Certificate> stored, PolicyViolation violation, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var certificate = stored.Document;
        var revision = (certificate.Status.Revision ?? 0) + 1;
        var issuanceId = Guid.CreateVersion7();
        var conditions = Conditions.Set(certificate.Status.Conditions, new Condition
        {
            Type = CertificateConditionTypes.Issuing,
            Status = ConditionStatus.True,
            Reason = violation.Reason,
            Message = violation.Message,
            LastTransitionTime = now,
            ObservedGeneration = certificate.Metadata.Generation,
        });
        if (MakesCertificateUnready(violation.Reason))
        {
            conditions = Conditions.Set(conditions, new Condition
            {
                Type = CertificateConditionTypes.Ready,
                Status = ConditionStatus.False,
                Reason = violation.Reason,
                Message = violation.Message,
                LastTransitionTime = now,
                ObservedGeneration = certificate.Metadata.Generation,
            });
        }
        var updated = certificate with
        {
            Status = certificate.Status with { Conditions = conditions, IssuingRevision = revision, IssuingId = issuanceId },
        };
        await unit.Resources.UpdateAsync(key, updated, stored.ResourceVersion, null, cancellationToken);
        await unit.Events.NormalAsync(key, "Issuing", violation.Message, cancellationToken);
        await unit.Outbox.PublishAsync(new CertificateIssuanceRequested
        {
            IssuanceId = issuanceId,
            CertificateUid = certificate.Metadata.Uid,
            Namespace = key.Namespace,
            Name = key.Name,
            Revision = revision,
            Reason = violation.Reason,
            Message = violation.Message,
            HasCsr = certificate.SuppliedCsr is not null,
            CertificateSecretName = certificate.Spec.SecretName,
            PrivateKey = certificate.Spec.PrivateKey,
        }, cancellationToken);
    }

    // A certificate being renewed or re-issued for a spec change still serves its current Secret.
    static bool MakesCertificateUnready(string reason) =>
        reason is PolicyReasons.DoesNotExist or PolicyReasons.MissingData or PolicyReasons.InvalidKeyPair or PolicyReasons.Expired;

    static async Task SetDueAsync(UnitOfWork unit, ResourceKey key, Stored<Certificate> stored, DateTimeOffset? dueAt, CancellationToken cancellationToken)
    {
        if (stored.DueAt == dueAt)
            return;
        await unit.Resources.UpdateAsync(key, stored.Document, stored.ResourceVersion, dueAt, cancellationToken);
    }
}
