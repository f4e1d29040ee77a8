using System.Collections.Frozen;
using System.Net;
using System.Net.Sockets;

namespace CertMesh.Acme.Problems;

/// <summary>Whether asking the CA again can help.</summary>
public enum AcmeFailureKind
{
    /// <summary>The same request may well succeed in a moment: retry it soon, keeping the work done so far.</summary>
    Transient,

    /// <summary>The CA has decided, or the request itself is wrong: asking again gets the same answer.</summary>
    Final,
}

/// <summary>
/// The one place that decides which failures of an exchange with an ACME CA are worth another try, as data: the RFC
/// 8555 section 6.7 problem types one by one, then the HTTP status of a problem whose type is not in the table, then
/// the exception kinds of the transport. Every service that talks to the CA (ordering, challenge solving) goes by it;
/// what a final failure means for the resource at hand (invalid, expired, errored) stays with the service.
/// </summary>
public static class AcmeFailureClassifier
{
    /// <summary>RFC 8555 section 6.7, decided type by type (<c>compound</c> is decided by its subproblems).</summary>
    public static IReadOnlyDictionary<string, AcmeFailureKind> ProblemTypes { get; } = new Dictionary<string, AcmeFailureKind>(StringComparer.Ordinal)
    {
        // The nonce was stale or rejected (Pebble rejects some on purpose): a fresh one, which the rejection carries, fixes it.
        [AcmeProblemTypes.BadNonce] = AcmeFailureKind.Transient,
        // The CA failed, or asks to come back later.
        [AcmeProblemTypes.ServerInternal] = AcmeFailureKind.Transient,
        [AcmeProblemTypes.RateLimited] = AcmeFailureKind.Transient,
        // Finalize raced the order's state (an earlier finalize whose answer was lost): the next attempt reads the
        // order first and goes by the state it is in, so asking again is how this ends, one way or the other.
        [AcmeProblemTypes.OrderNotReady] = AcmeFailureKind.Transient,
        // The account: callers that can repair it (register the key again) check for it before classifying.
        [AcmeProblemTypes.AccountDoesNotExist] = AcmeFailureKind.Final,
        [AcmeProblemTypes.ExternalAccountRequired] = AcmeFailureKind.Final,
        [AcmeProblemTypes.InvalidContact] = AcmeFailureKind.Final,
        [AcmeProblemTypes.UnsupportedContact] = AcmeFailureKind.Final,
        [AcmeProblemTypes.UserActionRequired] = AcmeFailureKind.Final, // a person must visit the instance URL (new terms)
        [AcmeProblemTypes.Unauthorized] = AcmeFailureKind.Final,
        // What is asked for: the CA's policy and the requester's names, key and CSR do not change by waiting.
        [AcmeProblemTypes.RejectedIdentifier] = AcmeFailureKind.Final,
        [AcmeProblemTypes.UnsupportedIdentifier] = AcmeFailureKind.Final,
        [AcmeProblemTypes.Caa] = AcmeFailureKind.Final,
        [AcmeProblemTypes.BadCsr] = AcmeFailureKind.Final,
        [AcmeProblemTypes.BadPublicKey] = AcmeFailureKind.Final,
        [AcmeProblemTypes.BadSignatureAlgorithm] = AcmeFailureKind.Final,
        [AcmeProblemTypes.Malformed] = AcmeFailureKind.Final,
        // Validation outcomes: the CA's verdict on an authorization (and a failed CAA recheck at finalize ends the order).
        [AcmeProblemTypes.Connection] = AcmeFailureKind.Final,
        [AcmeProblemTypes.Dns] = AcmeFailureKind.Final,
        [AcmeProblemTypes.Tls] = AcmeFailureKind.Final,
        [AcmeProblemTypes.IncorrectResponse] = AcmeFailureKind.Final,
        // Revocation only.
        [AcmeProblemTypes.AlreadyRevoked] = AcmeFailureKind.Final,
        [AcmeProblemTypes.BadRevocationReason] = AcmeFailureKind.Final,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <returns>
    /// null when <paramref name="exception"/> did not come from the exchange with the CA (a bug, the database), or is
    /// the caller's own cancellation through <paramref name="cancellationToken"/>.
    /// </returns>
    public static AcmeFailureKind? Classify(Exception exception, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            OperationCanceledException when cancellationToken.IsCancellationRequested => null,
            AcmeProblemException problem => Classify(problem),
            // Connection refused or reset, DNS, TLS, a body cut off: the CA may be back in a moment.
            AcmeException { InnerException: HttpRequestException or IOException or SocketException } => AcmeFailureKind.Transient,
            // The CA's answer broke the protocol (no such endpoint, not JSON, no nonce): not an ACME server as configured.
            AcmeException => AcmeFailureKind.Final,
            TimeoutException or HttpRequestException or IOException or SocketException => AcmeFailureKind.Transient,
            // HttpClient.Timeout: a TaskCanceledException not caused by the caller's token (checked above).
            OperationCanceledException => AcmeFailureKind.Transient,
            _ => null,
        };
    }

    /// <summary>
    /// A problem the CA answered with: an order or authorization that ended invalid is its verdict; a Retry-After is
    /// its request to come back; otherwise the type decides, and for types not in <see cref="ProblemTypes"/> the
    /// HTTP status (408, 429 and 5xx transient, other client errors final).
    /// </summary>
    public static AcmeFailureKind Classify(AcmeProblemException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception.StatusCode is null)
        {
            return AcmeFailureKind.Final;
        }

        if (exception.RetryAfter is not null)
        {
            return AcmeFailureKind.Transient;
        }

        return ByType(exception.Problem) ?? ByStatus((int)exception.StatusCode.Value);
    }

    /// <summary>A compound problem is worth retrying only when each of its subproblems is.</summary>
    private static AcmeFailureKind? ByType(AcmeProblem problem)
    {
        if (problem.Type == AcmeProblemTypes.Compound)
        {
            return problem.Subproblems.Count > 0 && problem.Subproblems.All(s => (ByType(s) ?? ByStatus(s.Status)) == AcmeFailureKind.Transient)
                ? AcmeFailureKind.Transient
                : AcmeFailureKind.Final;
        }

        return ProblemTypes.TryGetValue(problem.Type, out AcmeFailureKind kind) ? kind : null;
    }

    private static AcmeFailureKind ByStatus(int? status) =>
        status is (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests or >= 500
            ? AcmeFailureKind.Transient
            : AcmeFailureKind.Final;
}
