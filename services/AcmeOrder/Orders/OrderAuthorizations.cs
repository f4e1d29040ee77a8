using CertMesh.Domain.Resources;

namespace CertMesh.AcmeOrder.Orders;

/// <summary>Where the order stands on each authorization, as the ChallengeSolver reports back.</summary>
internal static class OrderAuthorizations
{
    /// <summary>
    /// Sets the state of the authorization <paramref name="challengeName"/> was made for (or, for a name the order
    /// does not know, the one of <paramref name="dnsName"/>). Returns the same instance when nothing changes, so a
    /// redelivered report writes nothing.
    /// </summary>
    public static Order Mark(Order order, string challengeName, string dnsName, string state)
    {
        var list = order.Status.Authorizations;
        var index = FindIndex(list, a => a.ChallengeName is { Length: > 0 } name && name == challengeName);
        if (index < 0 && dnsName.Length > 0)
            index = FindIndex(list, a => a.ChallengeName is not null && string.Equals(a.Identifier, dnsName, StringComparison.OrdinalIgnoreCase));
        if (index < 0 || list[index].State == state)
            return order;
        var updated = list.ToList();
        updated[index] = list[index] with { State = state };
        return order with { Status = order.Status with { Authorizations = updated } };
    }

    public static bool AllValid(Order order) =>
        order.Status.Authorizations.Count > 0 && order.Status.Authorizations.All(a => a.State == OrderStates.Valid);

    static int FindIndex(IReadOnlyList<OrderAuthorization> list, Func<OrderAuthorization, bool> match)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (match(list[i]))
                return i;
        }
        return -1;
    }
}
