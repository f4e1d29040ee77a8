using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace CertMesh.Edge.Tls;

/// <summary>
/// Adds the HTTPS listener beside the HTTP one. Kestrel ignores ASPNETCORE_URLS once any endpoint is configured in
/// code, so with TLS on the HTTP addresses are bound here too, from the same setting. Kestrel then logs, once at
/// start, that it is "overriding" ASPNETCORE_URLS: expected, the very same addresses are bound here.
/// </summary>
internal static class HttpsEndpoint
{
    const string DefaultHttpUrl = "http://localhost:5000";

    /// <summary>
    /// The HTTP addresses as Kestrel would read them: ASPNETCORE_URLS, else ASPNETCORE_HTTP_PORTS (the .NET container
    /// images set 8080), else its default.
    /// </summary>
    public static string[] HttpUrls(IWebHostBuilder webHost)
    {
        static string[] Split(string value) => value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (webHost.GetSetting(WebHostDefaults.ServerUrlsKey) is { Length: > 0 } urls)
            return Split(urls);
        if (webHost.GetSetting(WebHostDefaults.HttpPortsKey) is { Length: > 0 } ports)
            return [.. Split(ports).Select(port => $"http://*:{port}")];
        return [DefaultHttpUrl];
    }

    public static void Configure(WebApplicationBuilder builder, TlsOptions options, IReadOnlyList<string> httpUrls)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (var url in httpUrls)
                Listen(kestrel, BindingAddress.Parse(url), _ => { });

            var selector = kestrel.ApplicationServices.GetRequiredService<SniCertificateSelector>();
            Listen(kestrel, BindingAddress.Parse(options.HttpsUrl!), listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(new TlsHandshakeCallbackOptions
                {
                    OnConnection = selector.OnConnection,
                    HandshakeTimeout = TimeSpan.FromSeconds(10),
                });
            });
        });
    }

    static void Listen(KestrelServerOptions kestrel, BindingAddress address, Action<ListenOptions> configure)
    {
        if (string.Equals(address.Host, "localhost", StringComparison.OrdinalIgnoreCase))
            kestrel.ListenLocalhost(address.Port, configure);
        else if (IPAddress.TryParse(address.Host.Trim('[', ']'), out var ip))
            kestrel.Listen(ip, address.Port, configure);
        else
            kestrel.ListenAnyIP(address.Port, configure); // "*", "+" or a host name, as Kestrel itself reads them
    }
}
