using System.Net;
using CertMesh.Acme.Problems;

namespace CertMesh.AcmeOrder.Retries;

/// <summary>
/// What went wrong talking to the CA, reduced to what decides the next step: the CA's own words (they end up in
/// conditions and events, so users see what Let's Encrypt said), and whether asking again later can help.
/// Anything else is a bug or a database problem and propagates to the bus retry.
/// </summary>
internal sealed record CaFailure(string Detail, bool Transient, TimeSpan? RetryAfter)
{
    /// <returns>null when <paramref name="exception"/> did not come from the exchange with the CA.</returns>
    public static CaFailure? From(Exception exception) =>
        exception switch
        {
            AcmeProblemException problem => new CaFailure(Describe(problem.Problem), IsTransient(problem), problem.RetryAfter),
            // Connection refused, reset, DNS: the CA may be back in a moment.
            AcmeException { InnerException: HttpRequestException } network => new CaFailure(network.Message, true, null),
            AcmeException other => new CaFailure(other.Message, false, null),
            TimeoutException timeout => new CaFailure(timeout.Message, true, null),
            HttpRequestException http => new CaFailure(http.Message, true, null),
            _ => null,
        };

    /// <summary>503 and 5xx (Let's Encrypt during maintenance), 429 and rateLimited: the CA asks to come back later.</summary>
    static bool IsTransient(AcmeProblemException problem) =>
        problem.Type == AcmeProblemTypes.RateLimited
        || problem.StatusCode is HttpStatusCode.TooManyRequests
        || (int?)problem.StatusCode >= 500;

    /// <summary>The detail, plus the per-identifier details Let's Encrypt puts in subproblems (which name was refused).</summary>
    static string Describe(AcmeProblem problem)
    {
        var detail = string.IsNullOrEmpty(problem.Detail) ? problem.Type : problem.Detail;
        var sub = problem.Subproblems.Where(s => !string.IsNullOrEmpty(s.Detail)).Select(s => s.Detail).ToList();
        return sub.Count == 0 ? detail : $"{detail} ({string.Join("; ", sub)})";
    }
}
