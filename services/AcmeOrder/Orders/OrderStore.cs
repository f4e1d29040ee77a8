using CertMesh.AcmeOrder.Database;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Database;
using CertMesh.Persistence.Resources;

namespace CertMesh.AcmeOrder.Orders;

/// <summary>Where Orders are kept, and the lock that makes "one order per request" hold across replicas.</summary>
internal static class OrderStore
{
    public static ResourceKey KeyOf(string @namespace, string name) => new(ResourceKinds.Order, @namespace, name);

    /// <summary>Held until commit: a second delivery for the same request waits, then finds the Order.</summary>
    public static Task LockAsync(UnitOfWork unit, ResourceKey key, CancellationToken cancellationToken) =>
        AdvisoryLock.AcquireAsync(unit, $"acmeorder:order:{key.Namespace}/{key.Name}", cancellationToken);

    public static Task<long> SaveAsync(UnitOfWork unit, ResourceKey key, Stored<Order>? existing, Order order, CancellationToken cancellationToken) =>
        existing is null
            ? unit.Resources.CreateAsync(key, order.Metadata.Uid, order, null, cancellationToken)
            : unit.Resources.UpdateAsync(key, order, existing.ResourceVersion, null, cancellationToken);
}
