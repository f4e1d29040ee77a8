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

    /// <summary>Everything before the last path segment: <c>/certmesh-test</c> of <c>rabbitmq://h:5673/certmesh-test/queue</c>.</summary>
    static string VirtualHost(Uri address)
    {
        var path = address.AbsolutePath;
        var last = path.LastIndexOf('/');
        return last <= 0 ? "" : path[..last];
    }
}
