using MassTransit;

namespace CertMesh.KeyManager.Keys;

/// <summary>Key generation is CPU-bound (RSA-4096 takes seconds): limit how many run at once per replica.</summary>
internal sealed class GeneratePrivateKeyConsumerDefinition : ConsumerDefinition<GeneratePrivateKeyConsumer>
{
    public GeneratePrivateKeyConsumerDefinition(IConfiguration configuration)
    {
        ConcurrentMessageLimit = configuration.GetValue("CERTMESH_KEYGEN_CONCURRENCY", Environment.ProcessorCount * 4);
    }
}
