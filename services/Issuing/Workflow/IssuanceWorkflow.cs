using System.Security.Cryptography;
using System.Text;
using CertMesh.Contracts;
using CertMesh.Contracts.Acme;
using CertMesh.Contracts.Issuance;
using CertMesh.Domain.Authorization;
using CertMesh.Domain.Policies;
using CertMesh.Hosting.Authorization;
using CertMesh.Domain.Resources;
using CertMesh.Domain.Validation;
using CertMesh.Hosting.Metrics.Issuance;
using CertMesh.Issuing.Approval;
using CertMesh.Issuing.Metrics;
using CertMesh.Issuing.Sagas;
using CertMesh.Issuing.Signers;
using CertMesh.Persistence.Database;
using CertMesh.Persistence.Resources;
using CertMesh.Pki;
using MassTransit;

namespace CertMesh.Issuing.Workflow;

/// <summary>
/// The steps of one revision's issuance: ask for a key (or use the supplied CSR), build the CSR, record the
/// CertificateRequest, sign, check the result against key and spec, store the Secret, announce the outcome to Trigger.
/// Every step writes through the saga's unit of work (a payload of the message, put there by the saga repository); a
/// failure is recorded, not thrown, unless it is transient.
/// </summary>
public sealed partial class IssuanceWorkflow(
    IEnumerable<IIssuerSigner> signers, ApprovalOptions approval, ApprovalPolicies policies,
    AccessCache access, IssuerUseOptions issuerUse, IssuanceMetrics metrics, ILogger<IssuanceWorkflow> logger) : IIssuanceSteps
{
    readonly IReadOnlyList<IIssuerSigner> _signers = signers.ToList();

    public Task RequestKeyAsync(ConsumeContext context, IssuanceState saga, CertificateIssuanceRequested request) =>
        Unit(context).Outbox.PublishAsync(new GeneratePrivateKey
        {
            IssuanceId = saga.CorrelationId,
            CertificateUid = request.CertificateUid,
            Namespace = request.Namespace,
            Name = request.Name,
            Revision = request.Revision,
            CertificateSecretName = request.CertificateSecretName,
            PrivateKey = request.PrivateKey,
        }, context.CancellationToken);

    public Task IssueAsync(ConsumeContext context, IssuanceState saga) => IssueAsync(Unit(context), saga, context.CancellationToken);

    public Task ApproveAsync(ConsumeContext context, IssuanceState saga, CertificateRequestApproved approval) =>
        ApproveAsync(Unit(context), saga, approval, context.CancellationToken);

    public Task DenyAsync(ConsumeContext context, IssuanceState saga, CertificateRequestDenied denial) =>
        DenyAsync(Unit(context), saga, denial, context.CancellationToken);

    public Task CompleteOrderAsync(ConsumeContext context, IssuanceState saga, AcmeOrderCompleted completed) =>
        CompleteAcmeOrderAsync(Unit(context), saga, completed.OrderName, completed.ChainPem, context.CancellationToken);

    public Task FailOrderAsync(ConsumeContext context, IssuanceState saga, AcmeOrderFailed failed) =>
        FailAcmeOrderAsync(Unit(context), saga, failed.OrderName, failed.Reason, failed.Message, context.CancellationToken);

    public Task FailAsync(ConsumeContext context, IssuanceState saga, string reason, string message) =>
        FailAsync(Unit(context), saga, reason, message, context.CancellationToken);

    static UnitOfWork Unit(ConsumeContext context) => context.GetPayload<UnitOfWork>();

    /// <summary>Issues the revision with the key KeyManager stored (none for a supplied CSR); also the scheduled retry.</summary>
    async Task IssueAsync(UnitOfWork unit, IssuanceState saga, CancellationToken cancellationToken)
    {
        var stored = await LoadCurrentAsync(unit, saga, cancellationToken);
        if (stored is null)
        {
            await AbandonAsync(unit, saga, cancellationToken);
            return;
        }
        var key = await LoadKeyAsync(unit, saga, stored, announce: saga.IssuerWaits == 0, cancellationToken);
        if (!key.Found)
            return;
        await SignAndStoreAsync(unit, saga, stored, key.Pem, approved: null, cancellationToken);
        await DeleteKeyWhenSettledAsync(unit, saga, cancellationToken);
    }

    async Task CompleteAcmeOrderAsync(UnitOfWork unit, IssuanceState saga, string orderName, string chainPem, CancellationToken cancellationToken)
    {
        var stored = await LoadCurrentAsync(unit, saga, cancellationToken);
        if (stored is null)
        {
            await AbandonAsync(unit, saga, cancellationToken);
            return;
        }
        var key = await LoadKeyAsync(unit, saga, stored, announce: false, cancellationToken);
        if (!key.Found)
            return;
        var requestKey = CertificateRequests.KeyOf(saga.Namespace, saga.Name, saga.Revision);
        var request = (await unit.Resources.GetAsync<CertificateRequest>(requestKey, cancellationToken))?.Document;
        if (request is null)
        {
            await RecordFailureAsync(unit, saga, stored, "RequestMissing", $"CertificateRequest \"{requestKey.Name}\" was deleted while order \"{orderName}\" was in flight", cancellationToken);
            await DeleteKeyWhenSettledAsync(unit, saga, cancellationToken);
            return;
        }
        using var privateKey = key.Pem is null ? null : PrivateKeys.FromPem(key.Pem);
        try
        {
            var certificates = Pem.ParseCertificates(chainPem);
            if (certificates.Count == 0)
                throw new IssuanceFailedException("InvalidCertificate", $"order \"{orderName}\" returned no certificate");
            var signed = new SignedCertificate(certificates[0], certificates.Skip(1).ToList(), null);
            Verify(signed, stored.Document, privateKey, request.Spec.Request, TemplateFactory.From(stored.Document.Spec));
            await StoreSignedAsync(unit, saga, stored, request, signed, key.Pem, AcmeIssuerType, cancellationToken);
        }
        catch (PkiException exception)
        {
            await FailRequestAsync(unit, saga, stored, request, "InvalidCertificate", $"the chain of order \"{orderName}\" cannot be read: {exception.Message}", cancellationToken);
        }
        catch (IssuanceFailedException failure)
        {
            await FailRequestAsync(unit, saga, stored, request, failure.Reason, failure.Message, cancellationToken);
        }
        await DeleteKeyWhenSettledAsync(unit, saga, cancellationToken);
    }

    async Task FailAcmeOrderAsync(UnitOfWork unit, IssuanceState saga, string orderName, string reason, string message, CancellationToken cancellationToken)
    {
        var stored = await LoadCurrentAsync(unit, saga, cancellationToken);
        if (stored is null)
        {
            await AbandonAsync(unit, saga, cancellationToken);
            return;
        }
        var requestKey = CertificateRequests.KeyOf(saga.Namespace, saga.Name, saga.Revision);
        var request = (await unit.Resources.GetAsync<CertificateRequest>(requestKey, cancellationToken))?.Document;
        var detail = $"Failed to wait for order resource \"{orderName}\" to become ready: {message}";
        if (request is null)
            await RecordFailureAsync(unit, saga, stored, reason, detail, cancellationToken);
        else
            await FailRequestAsync(unit, saga, stored, request, reason, detail, cancellationToken);
        await DeleteKeyWhenSettledAsync(unit, saga, cancellationToken);
    }

    async Task<KeyLoad> LoadKeyAsync(UnitOfWork unit, IssuanceState saga, Stored<Certificate> stored, bool announce, CancellationToken cancellationToken)
    {
        if (saga.KeySecretName is null)
            return new KeyLoad(true, null);
        var keySecret = await unit.Secrets.GetAsync(saga.Namespace, saga.KeySecretName, cancellationToken);
        if (keySecret is null || !keySecret.Document.Data.TryGetValue(SecretKeys.TlsKey, out var keyBytes))
        {
            await RecordFailureAsync(unit, saga, stored, "MissingPrivateKey", $"the next private key secret \"{saga.KeySecretName}\" is missing", cancellationToken);
            return new KeyLoad(false, null);
        }
        if (announce)
            await unit.Events.NormalAsync(CertificateKey(saga), "Generated", $"Stored new private key in temporary Secret resource \"{saga.KeySecretName}\"", cancellationToken);
        return new KeyLoad(true, Encoding.UTF8.GetString(keyBytes));
    }

    /// <summary>The next-key secret has served its purpose once the revision is settled either way.</summary>
    static async Task DeleteKeyWhenSettledAsync(UnitOfWork unit, IssuanceState saga, CancellationToken cancellationToken)
    {
        if (saga.KeySecretName is not null && saga.Outcome is IssuanceOutcome.Issued or IssuanceOutcome.Failed)
            await unit.Secrets.DeleteAsync(saga.Namespace, saga.KeySecretName, cancellationToken);
    }

    async Task FailRequestAsync(UnitOfWork unit, IssuanceState saga, Stored<Certificate> stored, CertificateRequest request, string reason, string message, CancellationToken cancellationToken)
    {
        var failed = CertificateRequests.Settle(request, CertificateRequestReasons.Failed, $"{reason}: {message}", unit.Time.GetUtcNow());
        await CertificateRequests.SaveAsync(unit, failed, cancellationToken);
        await RecordFailureAsync(unit, saga, stored, reason, message, cancellationToken);
    }

    readonly record struct KeyLoad(bool Found, string? Pem);

    async Task AbandonAsync(UnitOfWork unit, IssuanceState saga, CancellationToken cancellationToken)
    {
        saga.Outcome = IssuanceOutcome.Failed;
        saga.FailureReason = "Superseded";
        if (saga.KeySecretName is not null)
            await unit.Secrets.DeleteAsync(saga.Namespace, saga.KeySecretName, cancellationToken);
    }

    async Task FailAsync(UnitOfWork unit, IssuanceState saga, string reason, string message, CancellationToken cancellationToken)
    {
        var stored = await LoadCurrentAsync(unit, saga, cancellationToken);
        saga.Outcome = IssuanceOutcome.Failed;
        saga.FailureReason = reason;
        if (stored is not null)
            await RecordFailureAsync(unit, saga, stored, reason, message, cancellationToken);
    }

    async Task SignAndStoreAsync(UnitOfWork unit, IssuanceState saga, Stored<Certificate> stored, string? privateKeyPem, CertificateRequest? approved, CancellationToken cancellationToken)
    {
        var certificate = stored.Document;
        var template = TemplateFactory.From(certificate.Spec);
        using var privateKey = privateKeyPem is null ? null : PrivateKeys.FromPem(privateKeyPem);
        var now = unit.Time.GetUtcNow();
        // The first attempt creates the request; a retry after an issuer wait, or a person's approval, finds it.
        var request = approved ?? (saga.IssuerWaits == 0 ? null : await LoadRequestAsync(unit, saga, cancellationToken));
        if (request is null)
        {
            request = CertificateRequests.New(certificate, saga.Revision, saga.CorrelationId, certificate.SuppliedCsr ?? CsrBuilder.CreatePem(privateKey!, template), now);
            await unit.Events.NormalAsync(CertificateKey(saga), "Requested", $"Created new CertificateRequest resource \"{request.Metadata.Name}\"", cancellationToken);
        }
        // Judged (and approved) for one spec, never signed for another: a spec changed while the request waited for its
        // issuer or a person fails this revision, so the new spec gets a request (and an approval) of its own.
        if (CertificateRequests.MadeForGeneration(request) is { } made && made != certificate.Metadata.Generation)
        {
            await FailRequestAsync(unit, saga, stored, request, "SpecChanged",
                $"the Certificate changed (generation {made} to {certificate.Metadata.Generation}) while CertificateRequest \"{request.Metadata.Name}\" waited; it is not signed for a spec it was not made for", cancellationToken);
            return;
        }
        // Checked again here, not only at admission: removing a ClusterIssuerGrant stops renewals and waiting requests too.
        if (ClusterIssuerUse.Check(issuerUse.Mode, await access.CurrentAsync(cancellationToken), certificate.Metadata.Namespace, certificate.Spec.IssuerRef) is { } forbidden)
        {
            await FailRequestAsync(unit, saga, stored, request, "Forbidden", forbidden.Message, cancellationToken);
            return;
        }
        if (!RequestApproval.IsApproved(request))
        {
            request = await ApproveOrStopAsync(unit, saga, stored, request, cancellationToken);
            if (request is null)
                return;
        }
        var csrPem = request.Spec.Request;

        SignedCertificate signed;
        string issuerType;
        try
        {
            var issuer = await unit.Resources.FindAsync(certificate.Metadata.Namespace, certificate.Spec.IssuerRef, cancellationToken)
                ?? throw new IssuerNotReadyException("IssuerNotFound", IssuerNotFoundMessage(certificate.Spec.IssuerRef));
            if (issuer.Spec.Acme is not null)
            {
                await RequestAcmeOrderAsync(unit, saga, certificate, request, cancellationToken);
                return;
            }
            var signer = _signers.FirstOrDefault(s => s.CanSign(issuer))
                ?? throw new IssuanceFailedException("IssuerNotSupported", $"{issuer.Kind} \"{issuer.Metadata.Name}\" has no issuer type CertMesh can sign with in-process (selfSigned, ca)");
            issuerType = IssuanceLabels.IssuerType(certificate.Spec.IssuerRef, issuer);
            signed = await signer.SignAsync(unit, issuer, csrPem, privateKey, template, now, cancellationToken);
            Verify(signed, certificate, privateKey, csrPem, template);
        }
        catch (IssuerNotReadyException notReady) when (saga.IssuerWaits < IssuerWait.MaxWaits)
        {
            var pending = CertificateRequests.Settle(request, CertificateRequestReasons.Pending, $"Referenced issuer is not ready: {notReady.Message}", now);
            await CertificateRequests.SaveAsync(unit, pending, cancellationToken);
            saga.IssuerWaits++;
            saga.Outcome = IssuanceOutcome.WaitingForIssuer;
            await unit.Outbox.ScheduleAsync(new RetryIssuance { IssuanceId = saga.CorrelationId, Attempt = saga.IssuerWaits }, now + IssuerWait.Delay(saga.IssuerWaits), cancellationToken);
            return;
        }
        catch (IssuanceFailedException failure)
        {
            var failed = CertificateRequests.Settle(request, CertificateRequestReasons.Failed, $"{failure.Reason}: {failure.Message}", now);
            await CertificateRequests.SaveAsync(unit, failed, cancellationToken);
            await RecordFailureAsync(unit, saga, stored, failure.Reason, failure.Message, cancellationToken);
            return;
        }

        await StoreSignedAsync(unit, saga, stored, request, signed, privateKeyPem, issuerType, cancellationToken);
    }

    /// <summary>
    /// ACME issuers answer over the bus: the request stays Pending while AcmeOrder runs the order, and the saga waits
    /// for <c>AcmeOrderCompleted</c> or <c>AcmeOrderFailed</c>. The command goes out with the saga's commit.
    /// </summary>
    static async Task RequestAcmeOrderAsync(UnitOfWork unit, IssuanceState saga, Certificate certificate, CertificateRequest request, CancellationToken cancellationToken)
    {
        var pending = CertificateRequests.Settle(request, CertificateRequestReasons.Pending, "Waiting on certificate issuance from order resource", unit.Time.GetUtcNow());
        await CertificateRequests.SaveAsync(unit, pending, cancellationToken);
        await unit.Outbox.PublishAsync(new CreateAcmeOrder
        {
            IssuanceId = saga.CorrelationId,
            Namespace = saga.Namespace,
            CertificateName = saga.Name,
            CertificateUid = saga.CertificateUid,
            Revision = saga.Revision,
            RequestName = request.Metadata.Name,
            IssuerRef = certificate.Spec.IssuerRef,
            CsrPem = request.Spec.Request,
            CommonName = certificate.Spec.CommonName,
            DnsNames = certificate.Spec.DnsNames ?? [],
            IpAddresses = certificate.Spec.IpAddresses ?? [],
            Duration = certificate.Spec.Duration,
            Labels = certificate.Metadata.Labels ?? new Dictionary<string, string>(),
        }, cancellationToken);
        saga.Outcome = IssuanceOutcome.WaitingForOrder;
    }

    async Task StoreSignedAsync(UnitOfWork unit, IssuanceState saga, Stored<Certificate> stored, CertificateRequest request, SignedCertificate signed, string? privateKeyPem, string issuerType, CancellationToken cancellationToken)
    {
        var certificate = stored.Document;
        var now = unit.Time.GetUtcNow();
        await SecretWriter.WriteAsync(unit, certificate, signed, privateKeyPem, cancellationToken);
        var chainPem = Pem.EncodeChain([signed.Leaf, .. signed.Chain]);
        var caPem = signed.Ca is null ? null : Pem.Encode(signed.Ca);
        var issued = CertificateRequests.Settle(request, CertificateRequestReasons.Issued, "Certificate fetched from issuer successfully", now, Pem.Encode(signed.Leaf), caPem);
        await CertificateRequests.SaveAsync(unit, issued, cancellationToken);
        await RecordIssuedAsync(unit, saga, stored, signed, chainPem, caPem, issuerType, cancellationToken);
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

    /// <summary>Trigger records the revision on the Certificate and announces it; the histogram counts it once committed.</summary>
    async Task RecordIssuedAsync(UnitOfWork unit, IssuanceState saga, Stored<Certificate> stored, SignedCertificate signed, string chainPem, string? caPem, string issuerType, CancellationToken cancellationToken)
    {
        var certificate = stored.Document;
        await unit.Outbox.PublishAsync(new IssuanceSucceeded
        {
            IssuanceId = saga.CorrelationId,
            CertificateUid = saga.CertificateUid,
            Namespace = saga.Namespace,
            Name = saga.Name,
            Revision = saga.Revision,
            Generation = certificate.Metadata.Generation,
            SpecHash = SpecHash.Compute(certificate.Spec, certificate.SuppliedCsr),
            SecretName = certificate.Spec.SecretName,
            SerialNumber = signed.Details.SerialNumber,
            NotBefore = signed.Details.NotBefore,
            NotAfter = signed.Details.NotAfter,
            CertificatePem = chainPem,
            CaPem = caPem,
        }, cancellationToken);
        metrics.Issued(unit, certificate, issuerType, saga.StartedAt);
    }

    /// <summary>Trigger records the failure on the Certificate, with its back-off, and announces it.</summary>
    async Task RecordFailureAsync(UnitOfWork unit, IssuanceState saga, Stored<Certificate> stored, string reason, string message, CancellationToken cancellationToken)
    {
        saga.Outcome = IssuanceOutcome.Failed;
        saga.FailureReason = reason;
        var certificate = stored.Document;
        await unit.Outbox.PublishAsync(new IssuanceFailed
        {
            IssuanceId = saga.CorrelationId,
            CertificateUid = saga.CertificateUid,
            Namespace = saga.Namespace,
            Name = saga.Name,
            Revision = saga.Revision,
            Generation = certificate.Metadata.Generation,
            Reason = reason,
            Message = message,
        }, cancellationToken);
        // Failures are rarer than issuances: one more read here keeps the issuer out of every caller's signature.
        metrics.Failed(unit, IssuanceLabels.IssuerType(certificate.Spec.IssuerRef, await unit.Resources.FindAsync(saga.Namespace, certificate.Spec.IssuerRef, cancellationToken)), reason);
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

    // Only an ACME issuer's chain arrives through AcmeOrder.
    const string AcmeIssuerType = "acme";

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
