using CertMesh.Persistence.Database;
using MassTransit;
using MassTransit.Context;
using MassTransit.Saga;

namespace CertMesh.Persistence.Sagas;

/// <summary>
/// The saga repository's view of one message: every load and save runs in the message's
/// <see cref="UnitOfWork"/>, which also carries the outbox, so state and outgoing messages commit together.
/// The unit is attached as a payload: saga activities reach it with <c>context.GetPayload&lt;UnitOfWork&gt;()</c>.
/// </summary>
public sealed class PostgresSagaRepositoryContext<TSaga, TMessage> :
    ConsumeContextScope<TMessage>,
    SagaRepositoryContext<TSaga, TMessage>
    where TSaga : class, ISagaVersion
    where TMessage : class
{
    readonly UnitOfWork _unit;
    readonly ISagaConsumeContextFactory<UnitOfWork, TSaga> _factory;

    public PostgresSagaRepositoryContext(UnitOfWork unit, ConsumeContext<TMessage> context, ISagaConsumeContextFactory<UnitOfWork, TSaga> factory)
        : base(context, unit)
    {
        _unit = unit;
        _factory = factory;
    }

    public Task<SagaConsumeContext<TSaga, TMessage>> Add(TSaga instance) =>
        _factory.CreateSagaConsumeContext(_unit, this, instance, SagaConsumeContextMode.Add);

    public async Task<SagaConsumeContext<TSaga, TMessage>> Insert(TSaga instance)
    {
        if (!await SagaRows.TryInsertAsync(_unit, instance, CancellationToken))
            return default!;
        return await _factory.CreateSagaConsumeContext(_unit, this, instance, SagaConsumeContextMode.Insert);
    }

    public async Task<SagaConsumeContext<TSaga, TMessage>> Load(Guid correlationId)
    {
        var instance = await SagaRows.LoadAsync<TSaga>(_unit, correlationId, CancellationToken);
        if (instance is null)
            return default!;
        return await _factory.CreateSagaConsumeContext(_unit, this, instance, SagaConsumeContextMode.Load);
    }

    public Task Save(SagaConsumeContext<TSaga> context) => SagaRows.InsertAsync(_unit, context.Saga, CancellationToken);

    public Task Update(SagaConsumeContext<TSaga> context) => SagaRows.UpdateAsync(_unit, context.Saga, CancellationToken);

    public Task Delete(SagaConsumeContext<TSaga> context) => SagaRows.DeleteAsync(_unit, context.Saga, CancellationToken);

    // Nothing was written for a discarded or undone instance that the rolled-back transaction does not undo.
    public Task Discard(SagaConsumeContext<TSaga> context) => Task.CompletedTask;

    public Task Undo(SagaConsumeContext<TSaga> context) => Task.CompletedTask;

    public Task<SagaConsumeContext<TSaga, T>> CreateSagaConsumeContext<T>(ConsumeContext<T> consumeContext, TSaga instance, SagaConsumeContextMode mode)
        where T : class =>
        _factory.CreateSagaConsumeContext(_unit, consumeContext, instance, mode);
}
