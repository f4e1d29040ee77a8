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
    /// <summary>Re-evaluates a stored certificate and writes what changed.</summary>
    /// <param name="manualReason">set for a renew command: skips the policy chain and the back-off.</param>
    /// <returns>whether an issuance was started.</returns>
    public async Task<bool> ReconcileAsync(UnitOfWork unit, Stored<Certificate> stored, string? manualReason, CancellationToken cancellationToken)
    {
        var decision = await DecideAsync(unit, stored.Document, manualReason, cancellationToken);
        if (decision.Request is null && decision.DueAt == stored.DueAt)
            return false;
        await unit.Resources.UpdateAsync(KeyOf(stored.Document), decision.Certificate, stored.ResourceVersion, decision.DueAt, cancellationToken);
        await AnnounceAsync(unit, decision, cancellationToken);
        return decision.Request is not null;
    }

    /// <summary>Stores a certificate that does not exist yet, already carrying the decision: one write instead of two.</summary>
    public async Task<(Stored<Certificate> Stored, bool Started)> CreateAsync(UnitOfWork unit, Certificate certificate, CancellationToken cancellationToken)
    {
        var decision = await DecideAsync(unit, certificate, null, cancellationToken);
        var version = await unit.Resources.CreateAsync(KeyOf(certificate), certificate.Metadata.Uid, decision.Certificate, decision.DueAt, cancellationToken);
        await AnnounceAsync(unit, decision, cancellationToken);
        var stored = decision.Certificate with { Metadata = decision.Certificate.Metadata with { ResourceVersion = version } };
        return (new Stored<Certificate>(stored, version, decision.DueAt), decision.Request is not null);
    }

    async Task<Decision> DecideAsync(UnitOfWork unit, Certificate certificate, string? manualReason, CancellationToken cancellationToken)
    {
        if (certificate.Status.IssuingRevision is not null)
            return new Decision(certificate, null, null);

        var now = time.GetUtcNow();
        if (manualReason is null && NextAttemptAfterFailure(certificate.Status) is { } nextAttempt && nextAttempt > now)
            return new Decision(certificate, nextAttempt, null);

        var violation = manualReason is null
            ? await EvaluateAsync(unit, certificate, now, cancellationToken)
            : new PolicyViolation(manualReason, "Certificate re-issuance manually triggered");
        return violation is null
            ? new Decision(certificate, certificate.Status.RenewalTime, null)
            : Start(certificate, violation, now);
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

    static Decision Start(Certificate certificate, PolicyViolation violation, DateTimeOffset now)
    {
        var revision = (certificate.Status.Revision ?? 0) + 1;
        var issuanceId = Guid.CreateVersion7();
        var conditions = Conditions.Set(certificate.Status.Conditions, Condition(CertificateConditionTypes.Issuing, ConditionStatus.True, violation, certificate, now));
        if (MakesCertificateUnready(violation.Reason))
            conditions = Conditions.Set(conditions, Condition(CertificateConditionTypes.Ready, ConditionStatus.False, violation, certificate, now));
        var updated = certificate with
        {
            Status = certificate.Status with { Conditions = conditions, IssuingRevision = revision, IssuingId = issuanceId },
        };
        var request = new CertificateIssuanceRequested
        {
            IssuanceId = issuanceId,
            CertificateUid = certificate.Metadata.Uid,
            Namespace = certificate.Metadata.Namespace,
            Name = certificate.Metadata.Name,
            Revision = revision,
            Reason = violation.Reason,
            Message = violation.Message,
            HasCsr = certificate.SuppliedCsr is not null,
            CertificateSecretName = certificate.Spec.SecretName,
            PrivateKey = certificate.Spec.PrivateKey,
        };
        return new Decision(updated, null, request);
    }

    static async Task AnnounceAsync(UnitOfWork unit, Decision decision, CancellationToken cancellationToken)
    {
        if (decision.Request is not { } request)
            return;
        await unit.Events.NormalAsync(KeyOf(decision.Certificate), "Issuing", request.Message, cancellationToken);
        await unit.Outbox.PublishAsync(request, cancellationToken);
    }

    static Condition Condition(string type, string status, PolicyViolation violation, Certificate certificate, DateTimeOffset now) => new()
    {
        Type = type,
        Status = status,
        Reason = violation.Reason,
        Message = violation.Message,
        LastTransitionTime = now,
        ObservedGeneration = certificate.Metadata.Generation,
    };

    // A certificate being renewed or re-issued for a spec change still serves its current Secret.
    static bool MakesCertificateUnready(string reason) =>
        reason is PolicyReasons.DoesNotExist or PolicyReasons.MissingData or PolicyReasons.InvalidKeyPair or PolicyReasons.Expired;

    static ResourceKey KeyOf(Certificate certificate) =>
        new(ResourceKinds.Certificate, certificate.Metadata.Namespace, certificate.Metadata.Name);

    /// <summary>The certificate as it should be stored, when to look at it again, and the issuance to announce, if any.</summary>
    sealed record Decision(Certificate Certificate, DateTimeOffset? DueAt, CertificateIssuanceRequested? Request);
}
