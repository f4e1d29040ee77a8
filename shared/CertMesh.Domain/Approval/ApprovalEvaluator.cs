using CertMesh.Contracts;
using CertMesh.Domain.Resources;

namespace CertMesh.Domain.Approval;

/// <summary>
/// approver-policy's review: of the policies whose selector selects the request, the first (by name) that no check
/// refuses approves it; if some select it and none permits it, it is denied with each selecting policy's reasons, in
/// name order; if none selects it, <see cref="ApprovalResult.NoPolicy"/> leaves the decision to the caller's default.
/// Pure: the policies and the namespace's labels are handed in.
/// </summary>
public static class ApprovalEvaluator
{
    public const string Reason = "policy.cert-manager.io";

    /// <summary>Every check a policy makes: approver-policy's <c>allowed</c> evaluator, then its <c>constraints</c>.</summary>
    public static IReadOnlyList<RequestCheck> Checks { get; } = [.. AllowedChecks.All, .. ConstraintChecks.All];

    public static ApprovalDecision Evaluate(IEnumerable<CertificateRequestPolicy> policies, RequestFacts request, IReadOnlyDictionary<string, string> namespaceLabels)
    {
        var selecting = policies
            .Where(p => PolicySelection.Selects(p.Spec.Selector, request, namespaceLabels))
            .OrderBy(p => p.Metadata.Name, StringComparer.Ordinal)
            .ToList();
        if (selecting.Count == 0)
        {
            return ApprovalDecision.NoPolicy;
        }
        var refusals = new List<string>();
        foreach (var policy in selecting)
        {
            var violations = Violations(policy.Spec, request);
            if (violations.Count == 0)
            {
                return new ApprovalDecision(ApprovalResult.Approved, $"Approved by CertificateRequestPolicy: \"{policy.Metadata.Name}\"", policy.Metadata.Name);
            }
            refusals.Add($"[{policy.Metadata.Name}: {string.Join(", ", violations.Select(Approval.Violations.Text))}]");
        }
        return new ApprovalDecision(ApprovalResult.Denied, $"No policy approved this request: {string.Join(" ", refusals)}");
    }

    /// <summary>The stored request judged as it stands. One whose CSR or duration cannot be read is denied if any policy
    /// selects it (it is never waved through by a policy that could not look at it), else left to the default.</summary>
    public static ApprovalDecision Evaluate(IReadOnlyCollection<CertificateRequestPolicy> policies, CertificateRequest request, IReadOnlyDictionary<string, string> namespaceLabels)
    {
        if (RequestFactsReader.TryRead(request, out var facts, out var error))
        {
            return Evaluate(policies, facts, namespaceLabels);
        }
        var bare = new RequestFacts { Namespace = request.Metadata.Namespace, IssuerRef = request.Spec.IssuerRef };
        return policies.Any(p => PolicySelection.Selects(p.Spec.Selector, bare, namespaceLabels))
            ? new ApprovalDecision(ApprovalResult.Denied, $"No policy approved this request: {error}")
            : ApprovalDecision.NoPolicy;
    }

    public static IReadOnlyList<FieldError> Violations(CertificateRequestPolicySpec policy, RequestFacts request) =>
        Checks.SelectMany(check => check(policy, request)).ToList();
}
