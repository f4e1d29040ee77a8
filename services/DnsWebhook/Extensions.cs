using CertMesh.Hosting;

namespace CertMesh.DnsWebhook;

internal static class Extensions
{
    public static void AddDnsWebhookServices(this WebApplicationBuilder builder)
    {
        builder.AddCertMeshDefaults(bus => { });
    }
}
