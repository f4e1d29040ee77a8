using CertMesh.Acme;
using CertMesh.Acme.Orders;
using CertMesh.Acme.Problems;
using CertMesh.AcmeOrder.Accounts;
using CertMesh.AcmeOrder.Retries;
using CertMesh.Contracts.Acme;
using CertMesh.Domain.Resources;
using CertMesh.Pki;

namespace CertMesh.AcmeOrder.Orders;

/// <summary>
/// Turns an order whose authorizations are all valid into a certificate chain: finalize with the request's CSR,
/// wait, download the chain <c>preferredChain</c> picks. It asks the CA where the order stands first, so running
/// it again after a crash (the unit of work rolled back, the CA had already finalized) just waits and downloads.
/// </summary>
internal sealed partial class OrderFinalizer(AcmeOrderOptions options, ILogger<OrderFinalizer> logger)
{
    const string Prefix = "Failed to finalize Order: ";

    public async Task<Order> FinalizeAsync(IssuerAccount account, Order order, DateTimeOffset now, OrderEffects effects, CancellationToken cancellationToken)
    {
        var name = order.Metadata.Name;
        try
        {
            var chain = await FinalizeAtCaAsync(account.Client, order, account.Config.PreferredChain, cancellationToken);
            LogCompleted(order.Metadata.Namespace, name);
            return OrderTransitions.Complete(order, chain, effects);
        }
        catch (PkiException csr)
        {
            return Fail(order, OrderStates.Errored, Prefix + csr.Message, now, effects);
        }
        catch (AcmeProblemException judged) when (judged.StatusCode is null)
        {
            // No HTTP status: the order itself ended invalid while waited for. That is the CA's verdict.
            return Fail(order, OrderStates.Invalid, Prefix + CaFailure.From(judged)!.Detail, now, effects);
        }
        catch (Exception exception) when (CaFailure.From(exception, cancellationToken) is { } failure)
        {
            return failure.Transient
                ? Retry(order, failure, now, effects)
                : Fail(order, OrderStates.Errored, Prefix + failure.Detail, now, effects);
        }
    }

    /// <summary>
    /// Finalizing again soon, keeping the order, is announced the way it will be carried out: a ChallengeSolved naming
    /// no challenge, due when the short back-off says, reaches the order, finds every authorization valid, and
    /// finalizes (Contracts has no message of its own for it, so the Order counts the attempts). Past the bound the
    /// order fails with the CA's detail.
    /// </summary>
    public Order Retry(Order order, CaFailure failure, DateTimeOffset now, OrderEffects effects)
    {
        var failed = order.Status.FinalizeFailures ?? 0;
        if (options.Retry.DelayAfter(failed, failure.RetryAfter) is not { } delay)
            return Fail(order, OrderStates.Errored, Prefix + failure.Detail + options.Retry.GiveUpNote(failure.RetryAfter), now, effects);
        var due = now + delay;
        var reason = $"Waiting to finalize again at {due:u} (attempt {failed + 2} of {options.Retry.MaxAttempts}): {failure.Detail}";
        effects.Warning(OrderEvents.Retrying, reason).Schedule(new ChallengeSolved
        {
            OrderId = order.Metadata.Uid,
            Namespace = order.Metadata.Namespace,
            OrderName = order.Metadata.Name,
        }, due);
        LogPostponed(order.Metadata.Namespace, order.Metadata.Name, due, failure.Detail);
        return order with { Status = order.Status with { State = OrderStates.Ready, Reason = reason, FinalizeFailures = failed + 1 } };
    }

    Order Fail(Order order, string state, string message, DateTimeOffset now, OrderEffects effects)
    {
        LogFailed(order.Metadata.Namespace, order.Metadata.Name, message);
        return OrderTransitions.Fail(order, state, message, now, effects);
    }

    async Task<string> FinalizeAtCaAsync(AcmeClient client, Order order, string? preferredChain, CancellationToken cancellationToken)
    {
        var csr = Pem.DecodeCsr(order.Spec.Request);
        var url = new Uri(order.Status.Url ?? throw new AcmeException("The order has no URL at the CA."));
        var current = await client.GetOrderAsync(url, cancellationToken);
        // pending: the last authorization has only just turned valid; invalid: this throws with the CA's error.
        if (current.Status is not (AcmeStatus.Ready or AcmeStatus.Processing or AcmeStatus.Valid))
            current = await client.WaitForOrderAsync(url, cancellationToken);
        if (current.Status == AcmeStatus.Ready)
        {
            current = await client.FinalizeOrderAsync(current, csr, cancellationToken);
            if (current.Status != AcmeStatus.Valid)
                await Task.Delay(options.FinalizeSettle, cancellationToken);
        }
        if (current.Status != AcmeStatus.Valid)
            current = await client.WaitForOrderAsync(url, cancellationToken);
        if (current.Status != AcmeStatus.Valid || current.Certificate is null)
            throw new AcmeException($"The order is {current.Status} after finalizing and has no certificate.");
        var chain = await client.DownloadPreferredChainAsync(current.Certificate, preferredChain, cancellationToken);
        return chain.Pem;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Order {Namespace}/{Name} is valid, chain downloaded")]
    partial void LogCompleted(string @namespace, string name);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Order {Namespace}/{Name} failed: {Message}")]
    partial void LogFailed(string @namespace, string name, string message);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Order {Namespace}/{Name} finalizes again at {Due}: {Detail}")]
    partial void LogPostponed(string @namespace, string name, DateTimeOffset due, string detail);
}
