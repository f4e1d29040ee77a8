namespace CertMesh.WebhookSolver.Solving;

/// <summary>One line per challenge action. Nothing here takes the key's secret; config is never logged either.</summary>
internal static partial class SolverLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{Action} TXT at {Fqdn} in zone {Zone} via {Nameserver} for challenge {Uid}: done")]
    public static partial void Solved(this ILogger logger, string action, string fqdn, string zone, string nameserver, string uid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Action} TXT at {Fqdn} for challenge {Uid} failed with {Code} {Reason}: {Problem}")]
    public static partial void Failed(this ILogger logger, string action, string fqdn, string uid, int code, string reason, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected a ChallengePayload: {Problems}")]
    public static partial void Rejected(this ILogger logger, string problems);
}
