using System.Net;
using System.Text.Json;
using CertMesh.Contracts.Dns;
using CertMesh.DnsWebhook.Changes;

namespace CertMesh.DnsWebhook.Providers.Webhook;

/// <summary>
/// Judges a solver's HTTP answer. 5xx: the solver is down, try again (Unreachable). Other non-2xx: it rejected the
/// call (WebhookFailed; 429 may pass, so it is retryable). 2xx: its <c>response.success</c> decides, and a failure is
/// retryable only when its status code says the solver or its DNS API had a passing problem (429, 5xx).
/// </summary>
internal static class WebhookAnswer
{
    const int MaxDetail = 512;

    /// <returns>normally when the solver made the change; otherwise throws <see cref="DnsChangeException"/>.</returns>
    public static void Check(HttpStatusCode status, string body, string solver, string action)
    {
        var code = (int)status;
        if (code >= 500)
            throw DnsChangeException.Unreachable($"{solver} answered HTTP {code} to {action}: {Detail(body)}");
        if (code is < 200 or >= 300)
            throw new DnsChangeException(DnsRecordFailureReasons.WebhookFailed,
                $"{solver} rejected {action} with HTTP {code}: {Detail(body)}", retryable: status == HttpStatusCode.TooManyRequests);

        var response = Parse(body)?.Response
            ?? throw new DnsChangeException(DnsRecordFailureReasons.WebhookFailed,
                $"{solver} answered {action} without a ChallengePayload response: {Truncate(body)}", retryable: false);
        if (response.Success)
            return;
        var statusCode = response.Status?.Code ?? 0;
        var message = response.Status?.Message is { Length: > 0 } text ? text : response.Status?.Reason ?? "no message";
        throw new DnsChangeException(DnsRecordFailureReasons.WebhookFailed,
            $"{solver} failed to {action}: {message}", retryable: statusCode == 429 || statusCode >= 500);
    }

    /// <summary>What an error body says: a ChallengePayload's status message, a metav1.Status message, or the text itself.</summary>
    static string Detail(string body)
    {
        if (Parse(body) is { } payload && payload.Response?.Status?.Message is { Length: > 0 } fromPayload)
            return fromPayload;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
                return message.GetString()!;
        }
        catch (JsonException) { }
        return body.Trim().Length == 0 ? "(empty body)" : Truncate(body.Trim());
    }

    static ChallengePayload? Parse(string body)
    {
        try
        {
            return JsonSerializer.Deserialize<ChallengePayload>(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    static string Truncate(string text) => text.Length <= MaxDetail ? text : text[..MaxDetail] + "…";
}
