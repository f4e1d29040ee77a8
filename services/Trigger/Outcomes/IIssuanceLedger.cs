using CertMesh.Domain.Resources;
using CertMesh.Persistence.Resources;
using MassTransit;

namespace CertMesh.Trigger.Outcomes;

/// <summary>
/// What recording an issuance's outcome reads and writes for one message. In the service it is the message's unit of
/// work (<see cref="UnitOfWorkLedger"/>: one transaction with the inbox mark and the outbox); harness tests give an
/// in-memory one, so the consumers' decisions are tested without servers.
/// </summary>
internal interface IIssuanceLedger
{
    Task<Stored<Certificate>?> GetAsync(ConsumeContext context, ResourceKey key);

    Task UpdateAsync(ConsumeContext context, ResourceKey key, Certificate certificate, long expectedVersion, DateTimeOffset? dueAt);

    Task RecordEventAsync(ConsumeContext context, ResourceKey key, string type, string reason, string message);

    /// <summary>Sent once the outcome is recorded, and only then.</summary>
    Task PublishAsync<T>(ConsumeContext context, T message) where T : class;
}
