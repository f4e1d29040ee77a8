using CertMesh.Persistence.Database;
using MassTransit;

namespace CertMesh.Hosting.Bus;

/// <summary>The opening every idempotent consumer shares: a transaction that already holds this message's inbox mark.</summary>
public static class ConsumeOnce
{
    /// <returns>the unit of work, or null when <paramref name="consumer"/> has already applied this message (a redelivery).</returns>
    public static async Task<UnitOfWork?> BeginOnceAsync(this CertMeshDatabase database, ConsumeContext context, string consumer)
    {
        var unit = await database.BeginAsync(context.CancellationToken);
        if (context.MessageId is { } id && !await unit.Inbox.TryAcceptAsync(consumer, id, context.CancellationToken))
        {
            await unit.DisposeAsync();
            return null;
        }
        return unit;
    }
}
