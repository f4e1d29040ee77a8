namespace CertMesh.ChallengeSolver.Solving;

/// <summary>
/// DnsWebhook did not make a DNS-01 change now but may later: it did not answer in time, answered with a failure it
/// marked retryable (the DNS server unreachable) or faulted. Transient: the worker retries with back-off and shows
/// the message in the Challenge's status meanwhile.
/// </summary>
internal sealed class DnsChangeRetryException(string message, Exception? inner = null) : Exception(message, inner);
