using CertMesh.Domain.Resources;
using CertMesh.Hosting.Bus;
using CertMesh.Persistence.Resources;
using MassTransit;

namespace CertMesh.Trigger.Outcomes;

/// <summary>The ledger of the service: the message's unit of work, committed by the transactional consume filter.</summary>
internal sealed class UnitOfWorkLedger : IIssuanceLedger
{
    public Task<Stored<Certificate>?> GetAsync(ConsumeContext context, ResourceKey key) =>
        context.UnitOfWork().Resources.GetAsync<Certificate>(key, context.CancellationToken);

    public Task UpdateAsync(ConsumeContext context, ResourceKey key, Certificate certificate, long expectedVersion, DateTimeOffset? dueAt) =>
        context.UnitOfWork().Resources.UpdateAsync(key, certificate, expectedVersion, dueAt, context.CancellationToken);

    public Task RecordEventAsync(ConsumeContext context, ResourceKey key, string type, string reason, string message) =>
        context.UnitOfWork().Events.RecordAsync(key, type, reason, message, context.CancellationToken);

    public Task PublishAsync<T>(ConsumeContext context, T message) where T : class =>
        context.UnitOfWork().Outbox.PublishAsync(message, context.CancellationToken);
}
