using CertMesh.Domain.Approval;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Database;
using CertMesh.Persistence.Resources;

namespace CertMesh.Issuing.Approval;

/// <summary>
/// The Approved/Denied conditions of a CertificateRequest: decided by the stored CertificateRequestPolicies (or the
/// configured default when none selects it), or by a person. A decided request is never decided again.
/// </summary>
internal static class RequestApproval
{
    /// <summary>The condition reason of CertMesh's own approval when no policy selects a request (cert-manager's).</summary>
    public const string DefaultReason = "cert-manager.io";
    public const string DefaultMessage = "Certificate request has been approved by cert-manager.io";
    public const string WaitingMessage = "Waiting for approval: no CertificateRequestPolicy selects this request; run certmesh approve or certmesh deny";

    public static async Task<ApprovalDecision> DecideAsync(ApprovalPolicies policies, CertificateRequest request, CancellationToken cancellationToken)
    {
        var current = await policies.CurrentAsync(cancellationToken);
        if (current.Policies.Count == 0)
            return ApprovalDecision.NoPolicy;
        return ApprovalEvaluator.Evaluate(current.Policies, request, NamespaceLabels.Of(current, request.Metadata.Namespace));
    }

    public static bool IsDecided(CertificateRequest request) =>
        IsTrue(request, CertificateRequestConditionTypes.Approved) || IsTrue(request, CertificateRequestConditionTypes.Denied);

    public static bool IsApproved(CertificateRequest request) => IsTrue(request, CertificateRequestConditionTypes.Approved);

    /// <param name="by">who decided, for the event (a person); null when a policy or the default decided.</param>
    public static async Task<CertificateRequest> ApproveAsync(UnitOfWork unit, CertificateRequest request, string reason, string message, string? by, CancellationToken cancellationToken)
    {
        await unit.Events.NormalAsync(KeyOf(request), reason, WithWho(message, by), cancellationToken);
        return WithCondition(request, CertificateRequestConditionTypes.Approved, reason, message, unit.Time.GetUtcNow());
    }

    /// <summary>Denied, and Ready=False with reason <c>Denied</c>: the request is final and will never be signed.</summary>
    public static async Task<CertificateRequest> DenyAsync(UnitOfWork unit, CertificateRequest request, string reason, string message, string? by, CancellationToken cancellationToken)
    {
        var now = unit.Time.GetUtcNow();
        await unit.Events.WarningAsync(KeyOf(request), reason, WithWho(message, by), cancellationToken);
        var denied = WithCondition(request, CertificateRequestConditionTypes.Denied, reason, message, now);
        return denied with
        {
            Status = denied.Status with
            {
                Conditions = Conditions.Set(denied.Status.Conditions, new Condition
                {
                    Type = CertificateRequestConditionTypes.Ready,
                    Status = ConditionStatus.False,
                    Reason = CertificateRequestReasons.Denied,
                    Message = "The CertificateRequest was denied by an approval controller",
                    LastTransitionTime = now,
                }),
                FailureTime = now,
            },
        };
    }

    static CertificateRequest WithCondition(CertificateRequest request, string type, string reason, string message, DateTimeOffset now) => request with
    {
        Status = request.Status with
        {
            Conditions = Conditions.Set(request.Status.Conditions, new Condition
            {
                Type = type,
                Status = ConditionStatus.True,
                Reason = reason,
                Message = message,
                LastTransitionTime = now,
            }),
        },
    };

    static string WithWho(string message, string? by) => by is null ? message : $"{message} (by {by})";

    static bool IsTrue(CertificateRequest request, string type) => Conditions.IsTrue(request.Status.Conditions, type);

    static ResourceKey KeyOf(CertificateRequest request) =>
        new(ResourceKinds.CertificateRequest, request.Metadata.Namespace, request.Metadata.Name);
}
