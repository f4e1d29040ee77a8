using System.Net;
using System.Text;

namespace CertMesh.Acme.Tests.Support;

/// <summary>
/// An in-memory CA for unit tests of the wire layer: serves a directory and nonces, and hands every other request
/// to <see cref="Respond"/>. Each response carries a fresh Replay-Nonce, as a real CA's does.
/// </summary>
internal sealed class FakeAcmeHandler : HttpMessageHandler
{
    public static readonly Uri Directory = new("https://fake.test/dir");
    private int _nonce;

    public List<(HttpMethod Method, Uri Uri, string? UserAgent, string? Body)> Requests { get; } = [];

    public Func<HttpRequestMessage, string?, HttpResponseMessage> Respond { get; set; } = (_, _) => new HttpResponseMessage(HttpStatusCode.NotFound);

    public string DirectoryJson { get; set; } = """
        {"newNonce":"https://fake.test/nonce","newAccount":"https://fake.test/acct","newOrder":"https://fake.test/order",
         "revokeCert":"https://fake.test/revoke","keyChange":"https://fake.test/key-change"}
        """;

    public static HttpResponseMessage Json(HttpStatusCode status, string json, string mediaType = "application/json") =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, mediaType) };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string? body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        lock (Requests)
        {
            Requests.Add((request.Method, request.RequestUri!, request.Headers.UserAgent.ToString(), body));
        }

        HttpResponseMessage response = request.RequestUri!.AbsolutePath switch
        {
            "/dir" => Json(HttpStatusCode.OK, DirectoryJson),
            "/nonce" => new HttpResponseMessage(HttpStatusCode.OK),
            _ => Respond(request, body),
        };
        response.Headers.Add("Replay-Nonce", "nonce-" + Interlocked.Increment(ref _nonce));
        return response;
    }
}
