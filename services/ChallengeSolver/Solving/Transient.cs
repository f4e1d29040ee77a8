using CertMesh.Acme.Problems;
using CertMesh.Dns.Zones;
using CertMesh.Persistence.Resources;
using Npgsql;

namespace CertMesh.ChallengeSolver.Solving;

/// <summary>
/// Failures that may pass on their own and are retried while the challenge keeps its slot: the CA or the edge
/// unreachable or slow, CA server errors and rate limits (which never reach here as final outcomes), database
/// trouble, a concurrent status write, DNS-01's recursive nameservers or DnsWebhook not answering (as cert-manager
/// retries a failing Present). Anything else is a bug and goes to the scheduler.
/// </summary>
internal static class Transient
{
    static readonly TimeSpan ConflictRetry = TimeSpan.FromMilliseconds(50);

    public static bool Is(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException when cancellationToken.IsCancellationRequested => false,
        HttpRequestException or TimeoutException or AcmeException or AcmeProblemException => true,
        NpgsqlException or ResourceConflictException or IOException => true,
        DnsChangeRetryException or DnsLookupException => true,
        TaskCanceledException => true, // an HTTP timeout, not ours (checked above)
        _ => false,
    };

    /// <summary>Exponential from <paramref name="first"/> to <paramref name="max"/>; at least what the CA asked for.</summary>
    public static TimeSpan Delay(Exception exception, int failures, TimeSpan first, TimeSpan max)
    {
        if (exception is ResourceConflictException)
            return ConflictRetry * (failures + 1);
        var backoff = TimeSpan.FromTicks(Math.Min(max.Ticks, first.Ticks * (1L << Math.Min(failures, 20))));
        return exception is AcmeProblemException { RetryAfter: { } asked } && asked > backoff ? TimeSpan.FromTicks(Math.Min(asked.Ticks, max.Ticks)) : backoff;
    }

    public static string Describe(Exception exception) => exception switch
    {
        AcmeProblemException problem => $"ACME server error: {problem.Message}",
        NpgsqlException => $"database error: {exception.Message}",
        DnsLookupException => $"DNS-01 zone discovery failed: {exception.Message}",
        _ => exception.Message,
    };
}
