namespace CertMesh.Domain.Resources;

/// <summary>A status condition as in cert-manager: <c>Status</c> is True, False or Unknown.</summary>
public sealed record Condition
{
    public string Type { get; init; } = "";
    public string Status { get; init; } = ConditionStatus.Unknown;
    public string? Reason { get; init; }
    public string? Message { get; init; }
    public DateTimeOffset LastTransitionTime { get; init; }
    public long? ObservedGeneration { get; init; }
}

public static class ConditionStatus
{
    public const string True = "True";
    public const string False = "False";
    public const string Unknown = "Unknown";
}
