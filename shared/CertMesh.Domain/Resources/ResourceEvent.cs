namespace CertMesh.Domain.Resources;

/// <summary>One line of a resource's history, as <c>kubectl describe</c> shows it.</summary>
public sealed record ResourceEvent
{
    public string Type { get; init; } = EventTypes.Normal;
    public string Reason { get; init; } = "";
    public string Message { get; init; } = "";
    public DateTimeOffset Time { get; init; }
}

public static class EventTypes
{
    public const string Normal = "Normal";
    public const string Warning = "Warning";
}
