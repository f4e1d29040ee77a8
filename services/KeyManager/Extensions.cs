using MassTransit;
using CertMesh.Hosting;
using CertMesh.Hosting.Bus;
using CertMesh.KeyManager.Keys;

namespace CertMesh.KeyManager;

internal static class Extensions
{
    public static void AddKeyManagerServices(this WebApplicationBuilder builder)
    {
        builder.AddCertMeshDefaults(bus => bus.AddTransactionalConsumer<GeneratePrivateKeyConsumer>(typeof(GeneratePrivateKeyConsumerDefinition)));
        builder.Services.AddSingleton<IKeySecrets, UnitOfWorkKeySecrets>();
    }
}
