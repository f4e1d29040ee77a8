using System.Net;
using System.Text.Json;

namespace CertMesh.Cli.Http;

/// <summary>An answer from the API, body read in full.</summary>
internal sealed record ApiResponse(HttpStatusCode Status, string Body)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;

    /// <summary>The body as JSON, or a clear error when the server sent something else.</summary>
    public JsonElement Json()
    {
        try
        {
            using var document = JsonDocument.Parse(Body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new CliException($"error: the API answered {(int)Status} with a body that is not JSON: {Shorten(Body)}");
        }
    }

    /// <summary>The server's own words about a failure: <c>error</c>, <c>message</c>, <c>detail</c> or <c>title</c>, else the raw body.</summary>
    public string ServerMessage()
    {
        try
        {
            using var document = JsonDocument.Parse(Body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
                foreach (var key in (string[])["error", "message", "detail", "title"])
                    if (document.RootElement.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String)
                        return value.GetString()!;
        }
        catch (JsonException)
        {
        }
        return Body.Length > 0 ? Shorten(Body) : Status.ToString();
    }

    private static string Shorten(string text) => text.Length <= 300 ? text.Trim() : text[..300] + "…";
}
