using System.Net;
using System.Text;

namespace CertMesh.Integration.Tests.Observability;

/// <summary>A loopback <c>/metrics</c> answering fixed Prometheus text: an exporter whose series a test chooses, so the
/// deploy rules can be seen firing on a real Prometheus for exactly the certificates it describes.</summary>
internal sealed class StaticMetricsEndpoint : IDisposable
{
    readonly HttpListener _listener = new();
    readonly byte[] _body;
    readonly Task _serving;

    StaticMetricsEndpoint(int port, string exposition)
    {
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        _body = Encoding.UTF8.GetBytes(exposition);
        _listener.Prefixes.Add(BaseAddress.ToString());
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public Uri BaseAddress { get; }

    public static StaticMetricsEndpoint Start(string exposition) => new(TestEnvironment.FreePort(), exposition);

    public void Dispose()
    {
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
    }

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
                return;   // closed by Dispose
            }
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await context.Response.OutputStream.WriteAsync(_body);
            context.Response.Close();
        }
    }
}
