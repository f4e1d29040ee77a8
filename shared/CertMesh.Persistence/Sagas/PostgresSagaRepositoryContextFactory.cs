using CertMesh.Persistence.Database;
using CertMesh.Persistence.Messaging;
using MassTransit;
using MassTransit.Saga;

namespace CertMesh.Persistence.Sagas;

/// <summary>
/// MassTransit saga repository on PostgreSQL (MassTransit's EF/Marten ones are not available here).
/// Per message: open a transaction, run the state machine, commit with the inbox mark — or drop the message if this saga
/// type has already applied it, and send again what it was owed (<see cref="CertMeshDatabase.HandleOnceAsync"/>).
/// Sagas correlate by id only; queries by expression are not supported.
/// </summary>
public sealed class PostgresSagaRepositoryContextFactory<TSaga>(
    CertMeshDatabase database,
    ISagaConsumeContextFactory<UnitOfWork, TSaga> factory) :
    ISagaRepositoryContextFactory<TSaga>
    where TSaga : class, ISagaVersion
{
    static readonly string InboxName = "saga:" + SagaRows.TypeName<TSaga>();

    public void Probe(ProbeContext context) => context.Add("persistence", "postgresql");

    public async Task Send<T>(ConsumeContext<T> context, IPipe<SagaRepositoryContext<TSaga, T>> next) where T : class
    {
        await database.HandleOnceAsync(InboxName, IncomingMessage.Of(context),
            unit => next.Send(new PostgresSagaRepositoryContext<TSaga, T>(unit, context, factory)), context.CancellationToken);
    }

    public Task SendQuery<T>(ConsumeContext<T> context, ISagaQuery<TSaga> query, IPipe<SagaRepositoryQueryContext<TSaga, T>> next) where T : class =>
        throw new NotSupportedException($"{typeof(TSaga).Name} sagas correlate by CorrelationId; expression queries are not supported by the PostgreSQL saga repository");
}
