using CertMesh.Contracts.Dns;

namespace CertMesh.DnsWebhook.Changes;

/// <summary>
/// Why a change was not made, as the requester is told: one of <see cref="DnsRecordFailureReasons"/>, a message for
/// people (never a credential) and whether trying again can help. Providers and parsers throw it; the changer turns it
/// into <see cref="DnsRecordChangeFailed"/>.
/// </summary>
internal sealed class DnsChangeException(string reason, string message, bool retryable, Exception? inner = null)
    : Exception(message, inner)
{
    public string Reason { get; } = reason;
    public bool Retryable { get; } = retryable;

    public static DnsChangeException InvalidConfig(string message) =>
        new(DnsRecordFailureReasons.InvalidConfig, message, retryable: false);

    public static DnsChangeException Unreachable(string message, Exception? inner = null) =>
        new(DnsRecordFailureReasons.Unreachable, message, retryable: true, inner);
}
