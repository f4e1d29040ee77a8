using System.Net;

namespace CertMesh.Acme.Problems;

/// <summary>
/// The CA answered with a problem document (or an order/authorization ended invalid with one). The message carries
/// only the CA's type and detail: never a request body, key or MAC.
/// </summary>
public sealed class AcmeProblemException : Exception
{
    public AcmeProblemException(AcmeProblem problem, HttpStatusCode? statusCode = null, TimeSpan? retryAfter = null, Uri? requestUri = null)
        : base(problem?.ToString())
    {
        ArgumentNullException.ThrowIfNull(problem);
        Problem = problem;
        StatusCode = statusCode;
        RetryAfter = retryAfter;
        RequestUri = requestUri;
    }

    public AcmeProblem Problem { get; }

    /// <summary>The ACME error type URN, e.g. <see cref="AcmeProblemTypes.RateLimited"/>.</summary>
    public string Type => Problem.Type;

    public string? Detail => Problem.Detail;

    public IReadOnlyList<AcmeProblem> Subproblems => Problem.Subproblems;

    /// <summary>The HTTP status of the failing response; null when the problem came from an invalid object.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>How long the CA asked to wait (rateLimited, 503); null when it said nothing.</summary>
    public TimeSpan? RetryAfter { get; }

    public Uri? RequestUri { get; }
}
