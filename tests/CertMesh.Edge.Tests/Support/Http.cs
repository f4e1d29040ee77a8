namespace CertMesh.Edge.Tests.Support;

/// <summary>A GET as an ACME validator makes it, reduced to what the tests compare.</summary>
public sealed record Answer(int Status, string Body, string? ContentType, string? CacheControl, long? ContentLength)
{
    static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(5) };

    public static async Task<Answer> GetAsync(ServiceProcess edge, string path)
    {
        using var response = await Client.GetAsync(new Uri(edge.BaseAddress, path));
        var body = await response.Content.ReadAsStringAsync();
        return new Answer(
            (int)response.StatusCode,
            body,
            response.Content.Headers.ContentType?.ToString(),
            response.Headers.CacheControl?.ToString(),
            response.Content.Headers.ContentLength);
    }

    public static Task<Answer> ChallengeAsync(ServiceProcess edge, string token) => GetAsync(edge, "/.well-known/acme-challenge/" + token);
}
