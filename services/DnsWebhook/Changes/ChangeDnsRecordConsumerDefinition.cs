using MassTransit;

namespace CertMesh.DnsWebhook.Changes;

/// <summary>
/// How many changes a replica makes at once (CERTMESH_DNS_CONCURRENCY, default 16). Each mostly waits on a DNS server
/// or a webhook; the bound keeps a burst of challenges from flooding one zone's primary or one solver.
/// </summary>
internal sealed class ChangeDnsRecordConsumerDefinition : ConsumerDefinition<ChangeDnsRecordConsumer>
{
    public ChangeDnsRecordConsumerDefinition(DnsWebhookOptions options)
    {
        ConcurrentMessageLimit = options.Concurrency;
    }
}
