namespace CertMesh.Hosting.Outbox;

/// <summary>
/// Where a reply may go. The address comes from whoever sent the request, so it is hostile until checked: a reply is
/// sent only to the broker (scheme, host, port, virtual host) this service is connected to, or to a name relative to
/// it (<c>queue:</c>, <c>exchange:</c>) — never makes the service connect anywhere else.
/// </summary>
public static class ReplyDestination
{
    public static bool IsOnThisBroker(Uri destination, Uri busAddress)
    {
        if (!destination.IsAbsoluteUri)
            return false;
        if (destination.Scheme is "queue" or "exchange")
            return true;
        return string.Equals(destination.Scheme, busAddress.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(destination.Host, busAddress.Host, StringComparison.OrdinalIgnoreCase)
            && destination.Port == busAddress.Port
            && VirtualHost(destination) == VirtualHost(busAddress);
    }

    /// <summary>
    /// Whether an application's command may be answered at <paramref name="destination"/>: on this broker, a name of its
    /// own (<c>&lt;user&gt;.…</c>, the only names its RabbitMQ permissions let it create) and no options but those of a
    /// temporary response endpoint. Options such as <c>bind</c>, <c>bindexchange</c> or <c>queue</c> would make the
    /// answering service declare and bind topology, with its own permissions, wherever the sender chose.
    /// </summary>
    public static bool IsApplicationsOwn(Uri destination, Uri busAddress, string user)
    {
        if (!IsOnThisBroker(destination, busAddress))
            return false;
        var name = destination.Scheme is "queue" or "exchange" ? destination.AbsolutePath : destination.AbsolutePath[(destination.AbsolutePath.LastIndexOf('/') + 1)..];
        if (!name.StartsWith(user + ".", StringComparison.Ordinal))
            return false;
        var query = destination.Query.TrimStart('?');
        return query.Length == 0 || query.Split('&').All(option => SafeOptions.Contains(option.Split('=')[0].ToLowerInvariant()));
    }

    static readonly HashSet<string> SafeOptions = ["temporary", "durable", "autodelete", "expires"];

    /// <summary>Everything before the last path segment: <c>/certmesh-test</c> of <c>rabbitmq://h:5673/certmesh-test/queue</c>.</summary>
    static string VirtualHost(Uri address)
    {
        var path = address.AbsolutePath;
        var last = path.LastIndexOf('/');
        return last <= 0 ? "" : path[..last];
    }
}
