using System.Net;
using System.Text;

namespace CertMesh.Edge.Tests.Support;

/// <summary>A tiny HTTP server on a free loopback port that answers every request with "{name} {path}".</summary>
public sealed class Backend : IDisposable
{
    readonly HttpListener _listener = new();
    readonly string _name;

    public Backend(string name)
    {
        _name = name;
        Port = TestEnvironment.FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _ = ServeAsync();
    }

    public int Port { get; }
    public string Address => $"http://127.0.0.1:{Port}/";

    async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            var body = Encoding.UTF8.GetBytes($"{_name} {context.Request.Url!.AbsolutePath}");
            context.Response.ContentType = "text/plain";
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }

    public void Dispose() => _listener.Close();
}
