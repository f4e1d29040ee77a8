using CertMesh.Persistence.Database;
using CertMesh.Persistence.Resources;

namespace CertMesh.AcmeOrder.Orders;

/// <summary>
/// The events and messages an Order change owes, held back until the change is saved: when the save meets a
/// concurrent writer, the change is worked out again on fresh state and these are dropped, so nothing is announced
/// twice or about a state that was never stored.
/// </summary>
internal sealed class OrderEffects
{
    readonly List<Func<UnitOfWork, ResourceKey, CancellationToken, Task>> _steps = [];

    public OrderEffects Normal(string reason, string message)
    {
        _steps.Add((unit, key, ct) => unit.Events.NormalAsync(key, reason, message, ct));
        return this;
    }

    public OrderEffects Warning(string reason, string message)
    {
        _steps.Add((unit, key, ct) => unit.Events.WarningAsync(key, reason, message, ct));
        return this;
    }

    public OrderEffects Publish<T>(T message) where T : class
    {
        _steps.Add((unit, _, ct) => unit.Outbox.PublishAsync(message, ct));
        return this;
    }

    public OrderEffects Schedule<T>(T message, DateTimeOffset dueAt) where T : class
    {
        _steps.Add((unit, _, ct) => unit.Outbox.ScheduleAsync(message, dueAt, ct));
        return this;
    }

    public async Task ApplyAsync(UnitOfWork unit, ResourceKey orderKey, CancellationToken cancellationToken)
    {
        foreach (var step in _steps)
            await step(unit, orderKey, cancellationToken);
        _steps.Clear();
    }
}
