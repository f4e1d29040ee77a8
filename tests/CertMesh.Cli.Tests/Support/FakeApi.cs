using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CertMesh.Cli.Tests.Support;

internal sealed record RecordedRequest(string Method, string Path, string? Authorization, string? ContentType, string Body);

internal sealed record FakeResponse(int Status, string Body = "", string ContentType = "application/json");

/// <summary>An HTTP server on a free 127.0.0.1 port that records every request and answers with <c>Handler</c>.</summary>
internal sealed class FakeApi : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentQueue<RecordedRequest> requests = new();
    private readonly Task loop;

    public FakeApi(Func<RecordedRequest, FakeResponse> handler)
    {
        Handler = handler;
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            listener.Prefixes.Clear();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                Url = $"http://127.0.0.1:{port}";
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
            }
        }
        loop = Task.Run(ServeAsync);
    }

    public string Url { get; } = "";
    public Func<RecordedRequest, FakeResponse> Handler { get; set; }
    public IReadOnlyList<RecordedRequest> Requests => [.. requests];

    /// <summary>A server answering every request with this status and JSON body.</summary>
    public static FakeApi Returning(int status, string body = "") => new(_ => new FakeResponse(status, body));

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var request = new RecordedRequest(
                context.Request.HttpMethod,
                context.Request.RawUrl ?? "",
                context.Request.Headers["Authorization"],
                context.Request.ContentType,
                await reader.ReadToEndAsync());
            requests.Enqueue(request);
            var response = Handler(request);
            var bytes = Encoding.UTF8.GetBytes(response.Body);
            context.Response.StatusCode = response.Status;
            context.Response.ContentType = response.ContentType;
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    /// <summary>A port nothing listens on right now (also used to test "connection refused").</summary>
    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        loop.Wait(TimeSpan.FromSeconds(5));
    }
}
