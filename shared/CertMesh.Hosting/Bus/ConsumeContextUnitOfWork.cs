using CertMesh.Persistence.Database;
using MassTransit;

namespace CertMesh.Hosting.Bus;

public static class ConsumeContextUnitOfWork
{
    /// <summary>The transaction <see cref="UnitOfWorkFilter{TConsumer}"/> opened for this message; it commits when the consumer returns.</summary>
    public static UnitOfWork UnitOfWork(this ConsumeContext context) =>
        context.TryGetPayload<UnitOfWork>(out var unit)
            ? unit
            : throw new InvalidOperationException("No unit of work for this message: register the consumer with AddTransactionalConsumer");
}
