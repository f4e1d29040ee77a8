using MassTransit;
using CertMesh.Hosting;
using CertMesh.KeyManager.Keys;

namespace CertMesh.KeyManager;

internal static class Extensions
{
    public static void AddKeyManagerServices(this WebApplicationBuilder builder)
    {
        builder.AddCertMeshDefaults(bus => bus.AddConsumer<IssuanceKeyConsumer>(typeof(IssuanceKeyConsumerDefinition)));
    }
}
