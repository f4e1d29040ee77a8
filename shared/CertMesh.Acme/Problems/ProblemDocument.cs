using System.Net;
using System.Text.Json;

namespace CertMesh.Acme.Problems;

/// <summary>Turns an error response into an <see cref="AcmeProblemException"/>, with or without a problem document.</summary>
internal static class ProblemDocument
{
    private const string ProblemJson = "application/problem+json";

    public static AcmeProblemException ToException(HttpStatusCode status, byte[] content, string? contentType, TimeSpan? retryAfter, Uri url)
    {
        AcmeProblem? problem = null;
        if (content.Length > 0 && (contentType == ProblemJson || contentType == "application/json"))
        {
            try
            {
                problem = JsonSerializer.Deserialize<AcmeProblem>(content, AcmeJson.Options);
            }
            catch (JsonException)
            {
                // Fall through to a synthetic problem: a broken error body must not hide the HTTP status.
            }
        }

        problem ??= new AcmeProblem
        {
            Type = status == HttpStatusCode.ServiceUnavailable ? AcmeProblemTypes.ServerInternal : "about:blank",
            Detail = $"HTTP {(int)status} {status} without a problem document",
            Status = (int)status,
        };
        return new AcmeProblemException(problem, status, retryAfter, url);
    }
}
