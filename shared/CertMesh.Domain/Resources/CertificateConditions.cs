namespace CertMesh.Domain.Resources;

/// <summary>
/// A Certificate's <c>Ready</c> and <c>Issuing</c> conditions through one revision, set as cert-manager's trigger,
/// issuing and readiness controllers set them: Issuing True while a revision is in flight, removed when it is issued
/// (Ready True), False with reason Failed when it fails. Ready turns False only when the current Secret cannot serve.
/// </summary>
public static class CertificateConditions
{
    public const string FailedReason = "Failed";
    public const string ReadyReason = "Ready";
    public const string ReadyMessage = "Certificate is up to date and has not expired";
    public const string IssuedMessage = "The certificate has been successfully issued";

    /// <summary>A revision starts (or the owner is asked for a CSR) for <paramref name="reason"/>. When the current
    /// Secret cannot serve meanwhile, <paramref name="notReady"/> says why, and Ready turns False with it.</summary>
    public static IReadOnlyList<Condition> Issuing(Certificate certificate, string reason, string message, (string Reason, string Message)? notReady, DateTimeOffset now)
    {
        var conditions = Conditions.Set(certificate.Status.Conditions, Make(certificate, CertificateConditionTypes.Issuing, ConditionStatus.True, reason, message, now));
        return notReady is { } why
            ? Conditions.Set(conditions, Make(certificate, CertificateConditionTypes.Ready, ConditionStatus.False, why.Reason, why.Message, now))
            : conditions;
    }

    /// <summary>The revision is stored: nothing is issuing, and the certificate is ready.</summary>
    public static IReadOnlyList<Condition> Issued(Certificate certificate, DateTimeOffset now) =>
        Conditions.Set(Conditions.Remove(certificate.Status.Conditions, CertificateConditionTypes.Issuing),
            Make(certificate, CertificateConditionTypes.Ready, ConditionStatus.True, ReadyReason, ReadyMessage, now));

    /// <summary>The revision failed and will be retried; a certificate never issued is not ready for the same reason.</summary>
    public static IReadOnlyList<Condition> IssuanceFailed(Certificate certificate, string reason, string message, DateTimeOffset now)
    {
        var conditions = Conditions.Set(certificate.Status.Conditions,
            Make(certificate, CertificateConditionTypes.Issuing, ConditionStatus.False, FailedReason, FailureMessage(message), now));
        return certificate.Status.Revision is null
            ? Conditions.Set(conditions, Make(certificate, CertificateConditionTypes.Ready, ConditionStatus.False, reason, message, now))
            : conditions;
    }

    /// <summary>What the Issuing condition and the warning event say about a failed revision.</summary>
    public static string FailureMessage(string message) => $"The certificate request has failed to complete and will be retried: {message}";

    static Condition Make(Certificate certificate, string type, string status, string reason, string message, DateTimeOffset now) => new()
    {
        Type = type,
        Status = status,
        Reason = reason,
        Message = message,
        LastTransitionTime = now,
        ObservedGeneration = certificate.Metadata.Generation,
    };
}
