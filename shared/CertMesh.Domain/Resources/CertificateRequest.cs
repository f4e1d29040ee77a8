using CertMesh.Contracts;

namespace CertMesh.Domain.Resources;

/// <summary>One signing attempt, named <c>&lt;certificate&gt;-&lt;revision&gt;</c>; its spec never changes.</summary>
public sealed record CertificateRequest
{
    public ObjectMeta Metadata { get; init; } = new();
    public CertificateRequestSpec Spec { get; init; } = new();
    public CertificateRequestStatus Status { get; init; } = new();
}

public sealed record CertificateRequestSpec
{
    public string Request { get; init; } = "";
    public IssuerReference IssuerRef { get; init; } = new();
    public string? Duration { get; init; }
    public IReadOnlyList<string>? Usages { get; init; }
    public bool IsCA { get; init; }
}

public sealed record CertificateRequestStatus
{
    public IReadOnlyList<Condition> Conditions { get; init; } = [];
    public string? Certificate { get; init; }
    public string? Ca { get; init; }
    public DateTimeOffset? FailureTime { get; init; }
}

public static class CertificateRequestConditionTypes
{
    public const string Approved = "Approved";
    public const string Denied = "Denied";
    public const string InvalidRequest = "InvalidRequest";
    public const string Ready = "Ready";
}

public static class CertificateRequestReasons
{
    public const string Pending = "Pending";
    public const string Failed = "Failed";
    public const string Issued = "Issued";
    public const string Denied = "Denied";
}
