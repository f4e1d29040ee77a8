namespace CertMesh.Persistence.Audit;

/// <summary>One line of the audit log: <c>Actor</c> (a principal, a RabbitMQ user, or "anonymous") asked <c>Via</c> the
/// Api or the bus to <c>Verb</c> the resource, and got <c>Outcome</c> (<see cref="AuditOutcomes"/>).</summary>
public sealed record AuditEntry(
    DateTimeOffset At,
    string Actor,
    string Via,
    string Verb,
    string Kind,
    string Namespace,
    string Name,
    string Outcome,
    string Message);

public static class AuditOutcomes
{
    public const string Allowed = "Allowed";
    public const string Forbidden = "Forbidden";
    public const string Unauthorized = "Unauthorized";
}

public static class AuditChannels
{
    public const string Api = "api";
    public const string Bus = "bus";
}
