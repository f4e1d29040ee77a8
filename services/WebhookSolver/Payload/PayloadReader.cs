using System.Text.Json;

namespace CertMesh.WebhookSolver.Payload;

/// <summary>Reads a request body as a ChallengePayload; JSON that does not fit names where it stopped fitting.</summary>
internal static class PayloadReader
{
    public static async Task<(ChallengePayload? Payload, string? Error)> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        try
        {
            var payload = await JsonSerializer.DeserializeAsync<ChallengePayload>(body, PayloadJson.Options, cancellationToken);
            return payload is null ? (null, "the body must be a ChallengePayload JSON object, not null") : (payload, null);
        }
        catch (JsonException e)
        {
            // Path is "$.request.uid" for a wrong type there, "$" for a body that is not JSON at all.
            var field = e.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
            return (null, field is null
                ? $"the body is not a valid ChallengePayload: {e.Message}"
                : $"{field} does not fit a ChallengePayload: {e.Message}");
        }
    }
}
