using CertMesh.Contracts.Issuance;
using CertMesh.Domain.Approval;
using CertMesh.Domain.Resources;
using CertMesh.Issuing.Approval;
using CertMesh.Issuing.Sagas;
using CertMesh.Persistence.Database;
using CertMesh.Persistence.Resources;

namespace CertMesh.Issuing.Workflow;

/// <summary>
/// Approval, between creating the request and signing it: the policies decide, else the configured default; a request
/// left waiting is decided by a person's <see cref="CertificateRequestApproved"/> or <see cref="CertificateRequestDenied"/>.
/// A denied request fails the revision with reason <c>Denied</c>, so the certificate's back-off applies.
/// </summary>
public sealed partial class IssuanceWorkflow
{
    async Task ApproveAsync(UnitOfWork unit, IssuanceState saga, CertificateRequestApproved approval, CancellationToken cancellationToken)
    {
        var (stored, request) = await LoadWaitingAsync(unit, saga, cancellationToken);
        if (stored is null || request is null)
            return;
        saga.DecidedBy = approval.ApprovedBy;
        var approved = await RequestApproval.ApproveAsync(unit, request, approval.Reason, approval.Message, approval.ApprovedBy, cancellationToken);
        var key = await LoadKeyAsync(unit, saga, stored, announce: false, cancellationToken);
        if (!key.Found)
        {
            await CertificateRequests.SaveAsync(unit, approved, cancellationToken);
            return;
        }
        await SignAndStoreAsync(unit, saga, stored, key.Pem, approved, cancellationToken);
        await DeleteKeyWhenSettledAsync(unit, saga, cancellationToken);
    }

    async Task DenyAsync(UnitOfWork unit, IssuanceState saga, CertificateRequestDenied denial, CancellationToken cancellationToken)
    {
        var (stored, request) = await LoadWaitingAsync(unit, saga, cancellationToken);
        if (stored is null || request is null)
            return;
        saga.DecidedBy = denial.DeniedBy;
        await DenyRequestAsync(unit, saga, stored, request, denial.Reason, denial.Message, denial.DeniedBy, cancellationToken);
        await DeleteKeyWhenSettledAsync(unit, saga, cancellationToken);
    }

    /// <summary>The policies' (or the default's) verdict on a new request: the approved request to sign, or null when it
    /// was denied or is left waiting (either way already saved and recorded).</summary>
    async Task<CertificateRequest?> ApproveOrStopAsync(UnitOfWork unit, IssuanceState saga, Stored<Certificate> stored, CertificateRequest request, CancellationToken cancellationToken)
    {
        var decision = await RequestApproval.DecideAsync(policies, request, cancellationToken);
        switch (decision.Result)
        {
            case ApprovalResult.Approved:
                return await RequestApproval.ApproveAsync(unit, request, ApprovalEvaluator.Reason, decision.Message, by: null, cancellationToken);
            case ApprovalResult.Denied:
                await DenyRequestAsync(unit, saga, stored, request, ApprovalEvaluator.Reason, decision.Message, by: null, cancellationToken);
                return null;
            case ApprovalResult.NoPolicy when approval.Default == ApprovalDefault.Approve:
                return await RequestApproval.ApproveAsync(unit, request, RequestApproval.DefaultReason, RequestApproval.DefaultMessage, by: null, cancellationToken);
            default:
                var waiting = CertificateRequests.Settle(request, CertificateRequestReasons.Pending, RequestApproval.WaitingMessage, unit.Time.GetUtcNow());
                await CertificateRequests.SaveAsync(unit, waiting, cancellationToken);
                saga.Outcome = IssuanceOutcome.WaitingForApproval;
                LogWaitingForApproval(saga.Namespace, request.Metadata.Name);
                return null;
        }
    }

    async Task DenyRequestAsync(UnitOfWork unit, IssuanceState saga, Stored<Certificate> stored, CertificateRequest request, string reason, string message, string? by, CancellationToken cancellationToken)
    {
        var denied = await RequestApproval.DenyAsync(unit, request, reason, message, by, cancellationToken);
        await CertificateRequests.SaveAsync(unit, denied, cancellationToken);
        await RecordFailureAsync(unit, saga, stored, CertificateRequestReasons.Denied,
            $"The CertificateRequest \"{request.Metadata.Name}\" was denied: {message}", cancellationToken);
    }

    /// <summary>The certificate and its request, if this saga still waits on them; a superseded or deleted certificate
    /// abandons the revision, a vanished request fails it, and a request already decided is left alone.</summary>
    async Task<(Stored<Certificate>?, CertificateRequest?)> LoadWaitingAsync(UnitOfWork unit, IssuanceState saga, CancellationToken cancellationToken)
    {
        var stored = await LoadCurrentAsync(unit, saga, cancellationToken);
        if (stored is null)
        {
            await AbandonAsync(unit, saga, cancellationToken);
            return (null, null);
        }
        var request = await LoadRequestAsync(unit, saga, cancellationToken);
        if (request is null)
        {
            var name = CertificateRequests.KeyOf(saga.Namespace, saga.Name, saga.Revision).Name;
            await RecordFailureAsync(unit, saga, stored, "RequestMissing", $"CertificateRequest \"{name}\" was deleted while it waited for approval", cancellationToken);
            await DeleteKeyWhenSettledAsync(unit, saga, cancellationToken);
            return (stored, null);
        }
        return RequestApproval.IsDecided(request) ? (stored, null) : (stored, request);
    }

    static async Task<CertificateRequest?> LoadRequestAsync(UnitOfWork unit, IssuanceState saga, CancellationToken cancellationToken) =>
        (await unit.Resources.GetAsync<CertificateRequest>(CertificateRequests.KeyOf(saga.Namespace, saga.Name, saga.Revision), cancellationToken))?.Document;

    [LoggerMessage(Level = LogLevel.Information, Message = "CertificateRequest {Namespace}/{Name} waits for approval: no CertificateRequestPolicy selects it")]
    partial void LogWaitingForApproval(string @namespace, string name);
}
