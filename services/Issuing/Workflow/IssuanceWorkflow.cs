using System.Security.Cryptography;
using System.Text;
using CertMesh.Contracts;
using CertMesh.Contracts.Issuance;
using CertMesh.Domain.Policies;
using CertMesh.Domain.Renewal;
using CertMesh.Domain.Resources;
using CertMesh.Domain.Validation;
using CertMesh.Issuing.Sagas;
using CertMesh.Issuing.Signers;
using CertMesh.Persistence.Database;
using CertMesh.Persistence.Resources;
using CertMesh.Pki;

namespace CertMesh.Issuing.Workflow;

/// <summary>
/// The steps of one revision's issuance: ask for a key (or use the supplied CSR), build the CSR, record the
/// CertificateRequest, sign, check the result against key and spec, store the Secret, update status, announce.
/// Every step writes through the saga's unit of work; a failure is recorded, not thrown, unless it is transient.
/// </summary>
public sealed partial class IssuanceWorkflow(IEnumerable<IIssuerSigner> signers, Backoff backoff, ILogger<IssuanceWorkflow> logger)
{
    readonly IReadOnlyList<IIssuerSigner> _signers = signers.ToList();

    /// <summary>Issues the revision with the key KeyManager stored (none for a supplied CSR); also the scheduled retry.</summary>
    public async Task IssueAsync(UnitOfWork unit, IssuanceState saga, CancellationToken cancellationToken)
    {
        var stored = await LoadCurrentAsync(unit, saga, cancellationToken);
        if (stored is null)
        {
            await AbandonAsync(unit, saga, cancellationToken);
            return;
        }
        string? keyPem = null;
        if (saga.KeySecretName is not null)
        {
            var keySecret = await unit.Secrets.GetAsync(saga.Namespace, saga.KeySecretName, cancellationToken);
            if (keySecret is null || !keySecret.Document.Data.TryGetValue(SecretKeys.TlsKey, out var keyBytes))
            {
                await RecordFailureAsync(unit, saga, stored, "MissingPrivateKey", $"the next private key secret \"{saga.KeySecretName}\" is missing", cancellationToken);
                return;
            }
            keyPem = Encoding.UTF8.GetString(keyBytes);
            if (saga.IssuerWaits == 0)
                await unit.Events.NormalAsync(CertificateKey(saga), "Generated", $"Stored new private key in temporary Secret resource \"{saga.KeySecretName}\"", cancellationToken);
        }
        await SignAndStoreAsync(unit, saga, stored, keyPem, cancellationToken);
        // The next-key secret has served its purpose once the revision is settled either way.
        if (saga.KeySecretName is not null && saga.Outcome is IssuanceOutcome.Issued or IssuanceOutcome.Failed)
            await unit.Secrets.DeleteAsync(saga.Namespace, saga.KeySecretName, cancellationToken);
    }

    async Task AbandonAsync(UnitOfWork unit, IssuanceState saga, CancellationToken cancellationToken)
    {
        saga.Outcome = IssuanceOutcome.Failed;
        saga.FailureReason = "Superseded";
        if (saga.KeySecretName is not null)
            await unit.Secrets.DeleteAsync(saga.Namespace, saga.KeySecretName, cancellationToken);
    }

    public async Task FailAsync(UnitOfWork unit, IssuanceState saga, string reason, string message, CancellationToken cancellationToken)
    {
        var stored = await LoadCurrentAsync(unit, saga, cancellationToken);
        saga.Outcome = IssuanceOutcome.Failed;
        saga.FailureReason = reason;
        if (stored is not null)
            await RecordFailureAsync(unit, saga, stored, reason, message, cancellationToken);
    }

    async Task SignAndStoreAsync(UnitOfWork unit, IssuanceState saga, Stored<Certificate> stored, string? privateKeyPem, CancellationToken cancellationToken)
    {
        var certificate = stored.Document;
        var template = TemplateFactory.From(certificate.Spec);
        using var privateKey = privateKeyPem is null ? null : PrivateKeys.FromPem(privateKeyPem);
        var now = unit.Time.GetUtcNow();
        var isNew = saga.IssuerWaits == 0;
        var request = isNew
            ? null
            : (await unit.Resources.GetAsync<CertificateRequest>(CertificateRequests.KeyOf(saga.Namespace, saga.Name, saga.Revision), cancellationToken))?.Document;
        if (request is null)
        {
            isNew = true;
            request = CertificateRequests.New(certificate, saga.Revision, certificate.SuppliedCsr ?? CsrBuilder.CreatePem(privateKey!, template), now);
            await unit.Events.NormalAsync(CertificateKey(saga), "Requested", $"Created new CertificateRequest resource \"{request.Metadata.Name}\"", cancellationToken);
        }
        var csrPem = request.Spec.Request;

        SignedCertificate signed;
        try
        {
            var issuer = await unit.Resources.FindAsync(certificate.Metadata.Namespace, certificate.Spec.IssuerRef, cancellationToken)
                ?? throw new IssuerNotReadyException("IssuerNotFound", IssuerNotFoundMessage(certificate.Spec.IssuerRef));
            var signer = _signers.FirstOrDefault(s => s.CanSign(issuer))
                ?? throw new IssuanceFailedException("IssuerNotSupported", $"{issuer.Kind} \"{issuer.Metadata.Name}\" has no issuer type CertMesh can sign with in-process (selfSigned, ca)");
            signed = await signer.SignAsync(unit, issuer, csrPem, privateKey, template, now, cancellationToken);
            Verify(signed, certificate, privateKey, csrPem, template);
        }
        catch (IssuerNotReadyException notReady) when (saga.IssuerWaits < IssuerWait.MaxWaits)
        {
            var pending = CertificateRequests.Settle(request, CertificateRequestReasons.Pending, $"Referenced issuer is not ready: {notReady.Message}", now);
            await CertificateRequests.SaveAsync(unit, pending, isNew, cancellationToken);
            saga.IssuerWaits++;
            saga.Outcome = IssuanceOutcome.WaitingForIssuer;
            await unit.Outbox.ScheduleAsync(new RetryIssuance { IssuanceId = saga.CorrelationId, Attempt = saga.IssuerWaits }, now + IssuerWait.Delay(saga.IssuerWaits), cancellationToken);
            return;
        }
        catch (IssuanceFailedException failure)
        {
            var failed = CertificateRequests.Settle(request, CertificateRequestReasons.Failed, $"{failure.Reason}: {failure.Message}", now);
            await CertificateRequests.SaveAsync(unit, failed, isNew, cancellationToken);
            await RecordFailureAsync(unit, saga, stored, failure.Reason, failure.Message, cancellationToken);
            return;
        }

        await SecretWriter.WriteAsync(unit, certificate, signed, privateKeyPem, cancellationToken);
        var chainPem = Pem.EncodeChain([signed.Leaf, .. signed.Chain]);
        var caPem = signed.Ca is null ? null : Pem.Encode(signed.Ca);
        var issued = CertificateRequests.Settle(request, CertificateRequestReasons.Issued, "Certificate fetched from issuer successfully", now, Pem.Encode(signed.Leaf), caPem);
        await CertificateRequests.SaveAsync(unit, issued, isNew, cancellationToken);
        await RecordIssuedAsync(unit, saga, stored, signed, chainPem, caPem, cancellationToken);
        var historyLimit = certificate.Spec.RevisionHistoryLimit ?? CertificateDefaults.RevisionHistoryLimit;
        await CertificateRequests.CollectGarbageAsync(unit, saga.Namespace, saga.Name, saga.Revision, historyLimit, cancellationToken);
        saga.Outcome = IssuanceOutcome.Issued;
        LogIssued(saga.Namespace, saga.Name, saga.Revision, signed.Details.SerialNumber);
    }

    /// <summary>What the issuer returned must be what was asked for, before anything is stored (cert-manager does the same).</summary>
    static void Verify(SignedCertificate signed, Certificate certificate, AsymmetricAlgorithm? privateKey, string csrPem, CertificateTemplate template)
    {
        var keyMatches = privateKey is not null
            ? KeyMatch.CertificateMatchesKey(signed.Leaf, privateKey)
            : CsrParser.Parse(csrPem).SubjectPublicKeyInfo.AsSpan().SequenceEqual(signed.Leaf.PublicKey.ExportSubjectPublicKeyInfo());
        if (!keyMatches)
            throw new IssuanceFailedException("InvalidKeyPair", "the issued certificate's public key does not match the private key");
        var mismatches = certificate.SuppliedCsr is null ? CertificateInspector.FindNameMismatches(signed.Details, template) : [];
        if (mismatches.Count > 0)
            throw new IssuanceFailedException("SecretMismatch", "the issued certificate does not match the spec: " + string.Join("; ", mismatches));
        if (signed.Details.IsCA != certificate.Spec.IsCA)
            throw new IssuanceFailedException("SecretMismatch", $"the issued certificate has isCA={!certificate.Spec.IsCA}, the spec asks for isCA={certificate.Spec.IsCA}");
    }

    async Task RecordIssuedAsync(UnitOfWork unit, IssuanceState saga, Stored<Certificate> stored, SignedCertificate signed, string chainPem, string? caPem, CancellationToken cancellationToken)
    {
        var certificate = stored.Document;
        var details = signed.Details;
        var renewalTime = RenewalTime.Compute(details.NotBefore, details.NotAfter, certificate.Spec);
        var now = unit.Time.GetUtcNow();
        var conditions = Conditions.Remove(certificate.Status.Conditions, CertificateConditionTypes.Issuing);
        conditions = Conditions.Set(conditions, new Condition
        {
            Type = CertificateConditionTypes.Ready,
            Status = ConditionStatus.True,
            Reason = "Ready",
            Message = "Certificate is up to date and has not expired",
            LastTransitionTime = now,
            ObservedGeneration = certificate.Metadata.Generation,
        });
        var updated = certificate with
        {
            Status = certificate.Status with
            {
                Conditions = conditions,
                NotBefore = details.NotBefore,
                NotAfter = details.NotAfter,
                RenewalTime = renewalTime,
                Revision = saga.Revision,
                IssuingRevision = null,
                IssuingId = null,
                NextPrivateKeySecretName = null,
                FailedIssuanceAttempts = null,
                LastFailureTime = null,
                IssuedSpecHash = SpecHash.Compute(certificate.Spec, certificate.SuppliedCsr),
            },
        };
        var key = CertificateKey(saga);
        await unit.Resources.UpdateAsync(key, updated, stored.ResourceVersion, renewalTime, cancellationToken);
        await unit.Events.NormalAsync(key, "Issuing", "The certificate has been successfully issued", cancellationToken);
        await unit.Outbox.PublishAsync(new CertificateIssued
        {
            Namespace = saga.Namespace,
            Name = saga.Name,
            Uid = certificate.Metadata.Uid,
            Revision = saga.Revision,
            SecretName = certificate.Spec.SecretName,
            SerialNumber = details.SerialNumber,
            NotBefore = details.NotBefore,
            NotAfter = details.NotAfter,
            RenewalTime = renewalTime,
            CertificatePem = chainPem,
            CaPem = caPem,
        }, cancellationToken);
    }

    async Task RecordFailureAsync(UnitOfWork unit, IssuanceState saga, Stored<Certificate> stored, string reason, string message, CancellationToken cancellationToken)
    {
        var now = unit.Time.GetUtcNow();
        saga.Outcome = IssuanceOutcome.Failed;
        saga.FailureReason = reason;

        var certificate = stored.Document;
        var attempts = (certificate.Status.FailedIssuanceAttempts ?? 0) + 1;
        var nextAttempt = backoff.NextAttempt(attempts, now);
        var fullMessage = $"The certificate request has failed to complete and will be retried: {message}";
        var conditions = Conditions.Set(certificate.Status.Conditions, new Condition
        {
            Type = CertificateConditionTypes.Issuing,
            Status = ConditionStatus.False,
            Reason = "Failed",
            Message = fullMessage,
            LastTransitionTime = now,
            ObservedGeneration = certificate.Metadata.Generation,
        });
        if (certificate.Status.Revision is null)
        {
            conditions = Conditions.Set(conditions, new Condition
            {
                Type = CertificateConditionTypes.Ready,
                Status = ConditionStatus.False,
                Reason = reason,
                Message = message,
                LastTransitionTime = now,
                ObservedGeneration = certificate.Metadata.Generation,
            });
        }
        var updated = certificate with
        {
            Status = certificate.Status with
            {
                Conditions = conditions,
                IssuingRevision = null,
                IssuingId = null,
                FailedIssuanceAttempts = attempts,
                LastFailureTime = now,
            },
        };
        var key = CertificateKey(saga);
        await unit.Resources.UpdateAsync(key, updated, stored.ResourceVersion, nextAttempt, cancellationToken);
        await unit.Events.WarningAsync(key, "Failed", fullMessage, cancellationToken);
        await unit.Outbox.PublishAsync(new CertificateIssuanceFailed
        {
            Namespace = saga.Namespace,
            Name = saga.Name,
            Uid = certificate.Metadata.Uid,
            Revision = saga.Revision,
            Reason = reason,
            Message = message,
            FailedIssuanceAttempts = attempts,
            NextAttemptAt = nextAttempt,
        }, cancellationToken);
        LogFailed(saga.Namespace, saga.Name, saga.Revision, reason, message);
    }

    /// <summary>The certificate, if this saga is still the issuance it is waiting for (not deleted, re-created or superseded).</summary>
    static async Task<Stored<Certificate>?> LoadCurrentAsync(UnitOfWork unit, IssuanceState saga, CancellationToken cancellationToken)
    {
        var stored = await unit.Resources.GetAsync<Certificate>(CertificateKey(saga), cancellationToken);
        if (stored is null || stored.Document.Metadata.Uid != saga.CertificateUid || stored.Document.Status.IssuingId != saga.CorrelationId)
            return null;
        return stored;
    }

    static ResourceKey CertificateKey(IssuanceState saga) => new(ResourceKinds.Certificate, saga.Namespace, saga.Name);

    static string IssuerNotFoundMessage(IssuerReference issuerRef)
    {
        var kind = CertificateDefaults.EffectiveIssuerKind(issuerRef);
        return $"Referenced \"{kind}\" not found: {kind.ToLowerInvariant()}.{CertificateDefaults.EffectiveIssuerGroup(issuerRef)} \"{issuerRef.Name}\" not found";
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Issued {Namespace}/{Name} revision {Revision}, serial {Serial}")]
    partial void LogIssued(string @namespace, string name, int revision, string serial);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Issuance of {Namespace}/{Name} revision {Revision} failed: {Reason}: {Message}")]
    partial void LogFailed(string @namespace, string name, int revision, string reason, string message);
}
