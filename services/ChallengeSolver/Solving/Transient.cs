using CertMesh.Acme.Problems;
using CertMesh.Dns.Zones;
using CertMesh.Persistence.Resources;
using Npgsql;

namespace CertMesh.ChallengeSolver.Solving;

/// <summary>
/// Failures that may pass on their own and are retried while the challenge keeps its slot: what the shared
/// <see cref="AcmeFailureClassifier"/> calls transient (the CA or the edge unreachable or slow, CA server errors,
/// rate limits, a badNonce outliving the client's retries), database trouble, a concurrent status write, DNS-01's
/// recursive nameservers or DnsWebhook not answering (as cert-manager retries a failing Present). Final CA answers
/// end the challenge (<see cref="AcmeErrors"/>); anything else is a bug and goes to the scheduler.
/// </summary>
internal static class Transient
{
    static readonly TimeSpan ConflictRetry = TimeSpan.FromMilliseconds(50);

    public static bool Is(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException when cancellationToken.IsCancellationRequested => false,
        NpgsqlException or ResourceConflictException => true,
        DnsChangeRetryException or DnsLookupException => true,
        // Also the edge's and DnsWebhook's HTTP failures and timeouts: the same transport kinds, the same verdict.
        _ => AcmeFailureClassifier.Classify(exception, cancellationToken) == AcmeFailureKind.Transient,
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
