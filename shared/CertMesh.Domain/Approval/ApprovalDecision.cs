namespace CertMesh.Domain.Approval;

public enum ApprovalResult
{
    /// <summary>A selecting policy permits the request.</summary>
    Approved,
    /// <summary>Policies select the request and none permits it.</summary>
    Denied,
    /// <summary>No policy selects the request: the caller's default decides.</summary>
    NoPolicy,
}

/// <summary>The verdict on one request, with the message its condition and event carry.</summary>
public sealed record ApprovalDecision(ApprovalResult Result, string Message, string? PolicyName = null)
{
    public static ApprovalDecision NoPolicy { get; } = new(ApprovalResult.NoPolicy, "No CertificateRequestPolicies bound or applicable");
}
