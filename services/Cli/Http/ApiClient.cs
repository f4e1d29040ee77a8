using System.Net.Http.Headers;
using System.Net.Sockets;

namespace CertMesh.Cli.Http;

/// <summary>
/// HTTP to the CertMesh API: absolute URLs under <c>Server</c>, the bearer token when there is one, and
/// transport failures turned into messages a person can act on.
/// </summary>
internal sealed class ApiClient(HttpClient http, Uri server, string? token)
{
    public Uri Server => server;
    public bool HasToken => !string.IsNullOrEmpty(token);

    public Task<ApiResponse> GetAsync(string pathAndQuery, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, pathAndQuery, null, ct);

    public Task<ApiResponse> PostAsync(string pathAndQuery, HttpContent? content, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, pathAndQuery, content, ct);

    public Task<ApiResponse> DeleteAsync(string pathAndQuery, CancellationToken ct) =>
        SendAsync(HttpMethod.Delete, pathAndQuery, null, ct);

    public async Task<ApiResponse> SendAsync(HttpMethod method, string pathAndQuery, HttpContent? content, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(server, pathAndQuery.TrimStart('/'))) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (HasToken) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        // With a body, wait for the Api's go-ahead: an oversized manifest is then answered 413 (naming the limit)
        // before it is sent, instead of the connection being closed under a half-sent body ("broken pipe").
        request.Headers.ExpectContinue = content is not null;
        try
        {
            using var response = await http.SendAsync(request, ct);
            return new ApiResponse(response.StatusCode, await response.Content.ReadAsStringAsync(ct));
        }
        catch (HttpRequestException e) when (IsUnreachable(e))
        {
            throw new CliException($"error: cannot reach the CertMesh API at {ServerText} (is deploy/local/up.sh running?)");
        }
        catch (HttpRequestException e)
        {
            throw new CliException($"error: request to {ServerText} failed: {e.Message}");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new CliException($"error: the CertMesh API at {ServerText} did not answer in time");
        }
    }

    private string ServerText => server.ToString().TrimEnd('/');

    private static bool IsUnreachable(HttpRequestException e) =>
        e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
        || e.InnerException is SocketException;

    /// <summary>The server URL with a trailing slash, so relative paths append under it.</summary>
    public static Uri ParseServer(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new UsageException($"invalid server URL \"{text}\": expected http://HOST:PORT or https://HOST:PORT");
        return uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
    }
}
