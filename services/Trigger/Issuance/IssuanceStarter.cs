using CertMesh.Contracts;
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
/// <see cref="CertificateIssuanceRequested"/> in the same transaction. A certificate whose owner keeps the key and
/// wants it rotated (<see cref="CsrRotation"/>) is not started: its owner is asked for a new CSR instead, again with
/// back-off until it answers, and its status says so.
/// </summary>
internal sealed class IssuanceStarter(Backoff backoff, CsrRequestOptions csrRequests, TimeProvider time)
{
    /// <summary>Re-evaluates a stored certificate and writes what changed.</summary>
    /// <param name="manualReason">set for a renew command: skips the policy chain and the back-off.</param>
    public async Task<Reconciled> ReconcileAsync(UnitOfWork unit, Stored<Certificate> stored, string? manualReason, CancellationToken cancellationToken)
    {
        var decision = await DecideAsync(unit, stored.Document, manualReason, cancellationToken);
        if (decision.Request is null && decision.Ask is null && decision.DueAt == stored.DueAt && ReferenceEquals(decision.Certificate, stored.Document))
            return decision.Outcome;
        await unit.Resources.UpdateAsync(KeyOf(stored.Document), decision.Certificate, stored.ResourceVersion, decision.DueAt, cancellationToken);
        await AnnounceAsync(unit, decision, cancellationToken);
        return decision.Outcome;
    }

    /// <summary>Stores a certificate that does not exist yet, already carrying the decision: one write instead of two.</summary>
    public async Task<(Stored<Certificate> Stored, bool Started)> CreateAsync(UnitOfWork unit, Certificate certificate, CancellationToken cancellationToken)
    {
        var decision = await DecideAsync(unit, certificate, null, cancellationToken);
        var version = await unit.Resources.CreateAsync(KeyOf(certificate), certificate.Metadata.Uid, decision.Certificate, decision.DueAt, cancellationToken);
        await AnnounceAsync(unit, decision, cancellationToken);
        var stored = decision.Certificate with { Metadata = decision.Certificate.Metadata with { ResourceVersion = version } };
        return (new Stored<Certificate>(stored, version, decision.DueAt), decision.Outcome == Reconciled.IssuanceStarted);
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
        // A request for a new key stays out until answered, even when the chain is quiet (it was a manual renew).
        if (violation is null && certificate.Status.CsrRequest is { } pending && CsrRotation.NeedsNewKey(certificate, pending.Reason))
            violation = new PolicyViolation(pending.Reason, pending.Message);
        if (violation is null)
            return certificate.Status.CsrRequest is null
                ? new Decision(certificate, certificate.Status.RenewalTime, null)
                : new Decision(certificate with { Status = certificate.Status with { CsrRequest = null } }, certificate.Status.RenewalTime, null); // no longer wanted (e.g. now Never)
        return CsrRotation.NeedsNewKey(certificate, violation.Reason)
            ? AskOwner(certificate, violation, now)
            : Start(certificate, violation, now);
    }

    /// <summary>
    /// Asks the owner for a CSR from a new key, unless it was asked less than a back-off ago. The certificate is
    /// looked at again at the next request time, or when it expires if that comes first (Ready turns False then).
    /// </summary>
    Decision AskOwner(Certificate certificate, PolicyViolation violation, DateTimeOffset now)
    {
        var pending = certificate.Status.CsrRequest;
        var askNow = pending is null || pending.NextRequestTime <= now;
        var request = !askNow ? pending! : new CsrRequestStatus
        {
            Reason = violation.Reason,
            Message = violation.Message,
            Attempts = (pending?.Attempts ?? 0) + 1,
            FirstRequestTime = pending?.FirstRequestTime ?? now,
            LastRequestTime = now,
            NextRequestTime = now + csrRequests.Backoff.Delay((pending?.Attempts ?? 0) + 1),
        };
        var waiting = new PolicyViolation(violation.Reason == PolicyReasons.Expired ? violation.Reason : CsrRotation.WaitingReason,
            $"{violation.Message}; rotationPolicy is Always and the owner keeps the key: asked it for a CSR from a new key " +
            $"{request.Attempts} time(s) since {Time(request.FirstRequestTime)}, no answer yet, next request at {Time(request.NextRequestTime)}");
        var conditions = CertificateConditions.Issuing(certificate, waiting.Reason, waiting.Message, NotReady(violation), now);
        var dueAt = certificate.Status.NotAfter is { } notAfter && notAfter > now && notAfter < request.NextRequestTime ? notAfter : request.NextRequestTime;
        if (!askNow && SameConditions(conditions, certificate.Status.Conditions))
            return new Decision(certificate, dueAt, null) { Outcome = Reconciled.WaitingForOwner };

        var updated = certificate with { Status = certificate.Status with { Conditions = conditions, CsrRequest = request } };
        var ask = !askNow ? null : new CertificateRenewalRequested
        {
            Namespace = certificate.Metadata.Namespace,
            Name = certificate.Metadata.Name,
            Uid = certificate.Metadata.Uid,
            Revision = (certificate.Status.Revision ?? 0) + 1,
            Reason = violation.Reason,
            Message = violation.Message,
            Attempt = request.Attempts,
            RequestedAt = now,
            NextRequestAt = request.NextRequestTime,
        };
        return new Decision(updated, dueAt, null) { Ask = ask, Outcome = Reconciled.WaitingForOwner };
    }

    // Conditions carry their transition time: compare what a reader sees change.
    static bool SameConditions(IReadOnlyList<Condition> a, IReadOnlyList<Condition> b) =>
        a.Count == b.Count && a.Zip(b).All(p => p.First.Type == p.Second.Type && p.First.Status == p.Second.Status && p.First.Reason == p.Second.Reason);

    static string Time(DateTimeOffset value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

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
        var conditions = CertificateConditions.Issuing(certificate, violation.Reason, violation.Message, NotReady(violation), now);
        var updated = certificate with
        {
            Status = certificate.Status with { Conditions = conditions, IssuingRevision = revision, IssuingId = issuanceId, CsrRequest = null },
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
        return new Decision(updated, null, request) { Outcome = Reconciled.IssuanceStarted };
    }

    static async Task AnnounceAsync(UnitOfWork unit, Decision decision, CancellationToken cancellationToken)
    {
        if (decision.Ask is { } ask)
        {
            var message = $"Asked the owner for a CSR from a new key for revision {ask.Revision} (request {ask.Attempt}; next at {Time(ask.NextRequestAt)} unless answered)";
            if (ask.Attempt == 1)
                await unit.Events.NormalAsync(KeyOf(decision.Certificate), "RenewalRequested", message, cancellationToken);
            else
                await unit.Events.WarningAsync(KeyOf(decision.Certificate), "OwnerNotAnswering", message, cancellationToken);
            await unit.Outbox.PublishAsync(ask, cancellationToken);
        }
        if (decision.Request is not { } request)
            return;
        await unit.Events.NormalAsync(KeyOf(decision.Certificate), "Issuing", request.Message, cancellationToken);
        await unit.Outbox.PublishAsync(request, cancellationToken);
    }

    // A certificate being renewed or re-issued for a spec change still serves its current Secret.
    static (string Reason, string Message)? NotReady(PolicyViolation violation) =>
        violation.Reason is PolicyReasons.DoesNotExist or PolicyReasons.MissingData or PolicyReasons.InvalidKeyPair or PolicyReasons.Expired
            ? (violation.Reason, violation.Message)
            : null;

    static ResourceKey KeyOf(Certificate certificate) =>
        new(ResourceKinds.Certificate, certificate.Metadata.Namespace, certificate.Metadata.Name);

    /// <summary>The certificate as it should be stored, when to look at it again, and the issuance or question to announce, if any.</summary>
    sealed record Decision(Certificate Certificate, DateTimeOffset? DueAt, CertificateIssuanceRequested? Request)
    {
        public CertificateRenewalRequested? Ask { get; init; }
        public Reconciled Outcome { get; init; }
    }
}
