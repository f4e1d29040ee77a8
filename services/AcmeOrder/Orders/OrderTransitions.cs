using CertMesh.Contracts.Acme;
using CertMesh.Domain.Resources;

namespace CertMesh.AcmeOrder.Orders;

/// <summary>
/// The ends of an Order and what each owes Issuing. The stored reason is exactly the message announced, so a
/// redelivered CreateAcmeOrder can announce the same outcome again from the Order alone.
/// </summary>
internal static class OrderTransitions
{
    public static Order Complete(Order order, string chainPem, OrderEffects effects)
    {
        effects.Normal(OrderEvents.Complete, OrderEvents.CompleteMessage);
        var completed = order with
        {
            Status = order.Status with { State = OrderStates.Valid, Reason = null, FailureTime = null, Certificate = chainPem },
        };
        effects.Publish(Completed(completed));
        return completed;
    }

    /// <param name="state"><c>invalid</c> when the CA judged the order, <c>errored</c> when it could not be carried out.</param>
    public static Order Fail(Order order, string state, string message, DateTimeOffset now, OrderEffects effects)
    {
        effects.Warning(OrderEvents.Failed, message);
        var failed = order with { Status = order.Status with { State = state, Reason = message, FailureTime = now } };
        effects.Publish(Failed(failed));
        return failed;
    }

    /// <summary>What a duplicate CreateAcmeOrder is owed: the outcome if there is one, nothing while in flight.</summary>
    public static void Republish(Order order, OrderEffects effects)
    {
        if (order.Status.State == OrderStates.Valid)
            effects.Publish(Completed(order));
        else if (OrderStates.IsFinal(order.Status.State))
            effects.Publish(Failed(order));
    }

    static AcmeOrderCompleted Completed(Order order) => new()
    {
        IssuanceId = order.Spec.IssuanceId,
        Namespace = order.Metadata.Namespace,
        OrderName = order.Metadata.Name,
        ChainPem = order.Status.Certificate ?? "",
    };

    static AcmeOrderFailed Failed(Order order) => new()
    {
        IssuanceId = order.Spec.IssuanceId,
        Namespace = order.Metadata.Namespace,
        OrderName = order.Metadata.Name,
        Reason = OrderEvents.FailedReason,
        Message = order.Status.Reason ?? "",
    };
}
