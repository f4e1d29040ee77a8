using MassTransit;

namespace CertMesh.AcmeOrder.Bus;

/// <summary>
/// How many messages of one kind a replica handles at once (CERTMESH_ACME_CONCURRENCY, default 32). AcmeOrder's
/// handlers mostly wait for the CA, so more run at once than CPU-bound handlers would; the bound is there because
/// each holds a pooled database connection (and the Order's lock) for the whole exchange.
/// </summary>
internal sealed class AcmeConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    public AcmeConsumerDefinition(IConfiguration configuration)
    {
        ConcurrentMessageLimit = configuration.GetValue("CERTMESH_ACME_CONCURRENCY", 32);
    }
}
