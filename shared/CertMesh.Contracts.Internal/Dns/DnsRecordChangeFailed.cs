namespace CertMesh.Contracts.Dns;

/// <summary>
/// The change was not made. <c>Message</c> says why in the provider's own words (never a credential).
/// <c>Retryable</c> is false when trying again cannot help (a rejected TSIG key, a refused update, a missing Secret,
/// an unknown provider): the challenge then fails with this reason.
/// </summary>
public sealed record DnsRecordChangeFailed
{
    public Guid Uid { get; init; }
    public string Action { get; init; } = "";
    public string Namespace { get; init; } = "";
    public string ChallengeName { get; init; } = "";
    public string Provider { get; init; } = "";
    /// <summary>One of <see cref="DnsRecordFailureReasons"/>.</summary>
    public string Reason { get; init; } = "";
    public string Message { get; init; } = "";
    public bool Retryable { get; init; }
}

/// <summary>Reasons for <see cref="DnsRecordChangeFailed"/>; they end up on the Challenge.</summary>
public static class DnsRecordFailureReasons
{
    /// <summary>The solver's <c>dns01</c> configuration is unusable: no provider, an unsupported one, a missing field or Secret, no webhook configured for the group.</summary>
    public const string InvalidConfig = "InvalidConfig";
    /// <summary>The DNS server refused the TSIG key (BADKEY, BADSIG, BADTIME).</summary>
    public const string KeyRejected = "KeyRejected";
    /// <summary>The DNS server refused the update (REFUSED, NOTAUTH, NOTZONE, …).</summary>
    public const string UpdateRefused = "UpdateRefused";
    /// <summary>The DNS server or webhook did not answer, or answered with a server error.</summary>
    public const string Unreachable = "Unreachable";
    /// <summary>The webhook solver answered <c>success: false</c>.</summary>
    public const string WebhookFailed = "WebhookFailed";
}
