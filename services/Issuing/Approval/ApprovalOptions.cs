namespace CertMesh.Issuing.Approval;

/// <summary>What happens to a CertificateRequest no CertificateRequestPolicy selects.</summary>
public enum ApprovalDefault
{
    /// <summary>Approved by CertMesh itself (reason <c>cert-manager.io</c>), as cert-manager's default install does.</summary>
    Approve,
    /// <summary>Left pending until a person runs <c>certmesh approve</c> or <c>certmesh deny</c>.</summary>
    Wait,
}

/// <summary><c>CERTMESH_APPROVAL_DEFAULT</c>: <c>approve</c> (the default) or <c>wait</c>.</summary>
public sealed record ApprovalOptions(ApprovalDefault Default)
{
    public const string Variable = "CERTMESH_APPROVAL_DEFAULT";

    /// <summary>A misspelt value stops the service at start: silently approving what was meant to wait is the worse failure.</summary>
    public static ApprovalOptions From(IConfiguration configuration) => configuration[Variable]?.Trim().ToLowerInvariant() switch
    {
        null or "" or "approve" => new(ApprovalDefault.Approve),
        "wait" => new(ApprovalDefault.Wait),
        var other => throw new InvalidOperationException($"{Variable} must be \"approve\" or \"wait\", not \"{other}\""),
    };
}
