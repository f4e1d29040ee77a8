namespace CertMesh.DnsWebhook.Providers.Webhook;

/// <summary>
/// The one HttpClient all webhook calls share: pooled connections to the few solvers there are, recycled every few
/// minutes so a solver moved behind a name is found again.
/// </summary>
internal sealed class WebhookHttp(DnsWebhookOptions options) : IDisposable
{
    public HttpClient Client { get; } = new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(10),
    })
    {
        Timeout = options.WebhookTimeout,
    };

    public void Dispose() => Client.Dispose();
}
