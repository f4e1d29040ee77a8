using CertMesh.AcmeOrder.Accounts;
using CertMesh.AcmeOrder.Retries;
using CertMesh.Contracts.Acme;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Database;
using CertMesh.Persistence.Resources;

namespace CertMesh.AcmeOrder.Orders;

/// <summary>
/// Applies the ChallengeSolver's reports to the Order. A solved authorization is recorded; when it was the last one
/// the order is finalized in the same unit of work, before the commit, so a crash just finalizes again. A failed
/// one ends the order with the CA's detail. Reports about an order that has ended change nothing.
/// </summary>
internal sealed partial class OrderProgress(AccountResolver accounts, OrderFinalizer finalizer, ILogger<OrderProgress> logger)
{
    public Task SolvedAsync(UnitOfWork unit, ChallengeSolved message, CancellationToken cancellationToken) =>
        ApplyAsync(unit, message.Namespace, message.OrderName, message.OrderId, nameof(ChallengeSolved),
            (order, now, effects) => OnSolvedAsync(unit, order, message, now, effects, cancellationToken), cancellationToken);

    public Task FailedAsync(UnitOfWork unit, ChallengeFailed message, CancellationToken cancellationToken) =>
        ApplyAsync(unit, message.Namespace, message.OrderName, message.OrderId, nameof(ChallengeFailed),
            (order, now, effects) => Task.FromResult(OnFailed(order, message, now, effects)), cancellationToken);

    /// <summary>
    /// Read (locked), change, write. No conflict loop: the row lock keeps every other writer out until the commit, and
    /// should a write still conflict, the exception rolls back the consumer's unit and the bus retry runs the whole
    /// report again on fresh state (the transactional consumer filter), effects included.
    /// </summary>
    async Task ApplyAsync(UnitOfWork unit, string @namespace, string orderName, Guid orderId, string report,
        Func<Order, DateTimeOffset, OrderEffects, Task<Order>> change, CancellationToken cancellationToken)
    {
        var key = OrderStore.KeyOf(@namespace, orderName);
        // FOR UPDATE: reports for one order queue here instead of finalizing it twice.
        var stored = await unit.Resources.GetAsync<Order>(key, cancellationToken, forUpdate: true);
        if (stored is null || (orderId != Guid.Empty && stored.Document.Metadata.Uid != orderId))
        {
            LogUnknownOrder(report, @namespace, orderName);
            return;
        }
        if (OrderStates.IsFinal(stored.Document.Status.State))
        {
            LogEnded(report, @namespace, orderName, stored.Document.Status.State!);
            return;
        }
        var effects = new OrderEffects();
        var next = await change(stored.Document, unit.Time.GetUtcNow(), effects);
        if (ReferenceEquals(next, stored.Document))
            return;
        await unit.Resources.UpdateAsync(key, next, stored.ResourceVersion, null, cancellationToken);
        await effects.ApplyAsync(unit, key, cancellationToken);
    }

    async Task<Order> OnSolvedAsync(UnitOfWork unit, Order order, ChallengeSolved message, DateTimeOffset now, OrderEffects effects, CancellationToken cancellationToken)
    {
        var marked = OrderAuthorizations.Mark(order, message.ChallengeName, message.DnsName, OrderStates.Valid);
        if (!OrderAuthorizations.AllValid(marked))
            return marked;

        var issuerRef = marked.Spec.IssuerRef;
        var ns = marked.Metadata.Namespace;
        var issuer = await unit.Resources.FindAsync(ns, issuerRef, cancellationToken);
        if (issuer?.Spec.Acme is null)
            return OrderTransitions.Fail(marked, OrderStates.Errored, $"Failed to finalize Order: the ACME issuer \"{issuerRef.Name}\" no longer exists", now, effects);
        var resolved = await accounts.ResolveAsync(unit, IssuerReader.KeyOf(ns, issuerRef), issuer, cancellationToken);
        if (resolved.Account is not { } account)
        {
            return resolved.Transient
                ? finalizer.Retry(marked, new CaFailure(resolved.Message, true, resolved.RetryAfter), now, effects)
                : OrderTransitions.Fail(marked, OrderStates.Errored, "Failed to finalize Order: " + resolved.Message, now, effects);
        }
        return await finalizer.FinalizeAsync(account, marked, now, effects, cancellationToken);
    }

    static Order OnFailed(Order order, ChallengeFailed message, DateTimeOffset now, OrderEffects effects)
    {
        var marked = OrderAuthorizations.Mark(order, message.ChallengeName, message.DnsName, OrderStates.Invalid);
        // The CA's detail is what users need ("Invalid response from http://…"); the reason is a fallback only.
        var detail = message.Message is { Length: > 0 } text
            ? text
            : $"the challenge \"{message.ChallengeName}\" for \"{message.DnsName}\" failed: {message.Reason}";
        return OrderTransitions.Fail(marked, OrderStates.Invalid, detail, now, effects);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Report} for unknown order {Namespace}/{Name}: ignored")]
    partial void LogUnknownOrder(string report, string @namespace, string name);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Report} for order {Namespace}/{Name}, which is already {State}: ignored")]
    partial void LogEnded(string report, string @namespace, string name, string state);
}
