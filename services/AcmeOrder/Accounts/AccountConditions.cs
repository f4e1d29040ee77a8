using CertMesh.Domain.Acme;
using CertMesh.Domain.Resources;

namespace CertMesh.AcmeOrder.Accounts;

/// <summary>The issuer status cert-manager writes for an ACME account: the Ready condition and <c>status.acme</c>.</summary>
internal static class AccountConditions
{
    public const string Ready = "Ready";
    public const string RegisteredReason = "ACMEAccountRegistered";
    public const string RegisteredMessage = "The ACME account was registered with the ACME server";
    public const string FailedReason = "ErrRegisterACMEAccount";
    public const string FailedPrefix = "Failed to register ACME account: ";

    /// <summary>
    /// The stored registration still describes this key, email and CA, so registering again would change nothing.
    /// The CA is compared by host: an account URL from another server means the issuer was pointed elsewhere.
    /// </summary>
    public static bool RegistrationIsCurrent(Issuer issuer, AcmeIssuerConfig config, string keyHash) =>
        issuer.Status.Acme is { Uri: { Length: > 0 } uri } acme
        && acme.LastPrivateKeyHash == keyHash
        && (acme.LastRegisteredEmail ?? "") == (config.Email ?? "")
        && Uri.TryCreate(uri, UriKind.Absolute, out var account)
        && string.Equals(account.Authority, config.Server.Authority, StringComparison.OrdinalIgnoreCase);

    public static bool ReadyIsCurrent(Issuer issuer) =>
        Conditions.Find(issuer.Status.Conditions, Ready) is { Status: ConditionStatus.True, Reason: RegisteredReason } ready
        && ready.ObservedGeneration >= issuer.Metadata.Generation;

    public static IssuerStatus Registered(IssuerStatus status, long generation, DateTimeOffset now, Uri accountUrl, string? email, string keyHash) =>
        status with
        {
            Conditions = Conditions.Set(status.Conditions, Condition(ConditionStatus.True, RegisteredReason, RegisteredMessage, generation, now)),
            Acme = new AcmeIssuerStatus { Uri = accountUrl.AbsoluteUri, LastRegisteredEmail = email, LastPrivateKeyHash = keyHash },
        };

    /// <summary>A failed registration leaves the last good <c>status.acme</c> as it was, as cert-manager does.</summary>
    public static IssuerStatus Failed(IssuerStatus status, long generation, DateTimeOffset now, string message) =>
        status with { Conditions = Conditions.Set(status.Conditions, Condition(ConditionStatus.False, FailedReason, message, generation, now)) };

    static Condition Condition(string status, string reason, string message, long generation, DateTimeOffset now) => new()
    {
        Type = Ready,
        Status = status,
        Reason = reason,
        Message = message,
        LastTransitionTime = now,
        ObservedGeneration = generation,
    };
}
