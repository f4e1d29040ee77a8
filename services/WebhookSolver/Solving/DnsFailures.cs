using System.Net;
using System.Net.Sockets;
using CertMesh.Dns.Transport;
using CertMesh.Dns.Update;
using CertMesh.Dns.Wire;
using CertMesh.WebhookSolver.Payload;

namespace CertMesh.WebhookSolver.Solving;

/// <summary>
/// Turns what the DNS library throws into the Status cert-manager shows on the Challenge. The library's messages
/// name the server, the key and the record but never the secret, so they are passed on as they are.
/// </summary>
internal static class DnsFailures
{
    /// <summary>The Status for a failure the DNS side caused, or null for an exception this mapping does not know.</summary>
    public static KubernetesStatus? ToStatus(Exception exception, IPEndPoint server) => exception switch
    {
        DnsUpdateException { IsKeyRejected: true } e => KubernetesStatus.Of(403, StatusReasons.Forbidden, e.Message),
        DnsUpdateException e => KubernetesStatus.Of(502, StatusReasons.BadGateway, e.Message),
        DnsTimeoutException e => KubernetesStatus.Of(504, StatusReasons.Timeout, e.Message),
        DnsFormatException e => KubernetesStatus.Of(502, StatusReasons.BadGateway, e.Message),
        // The transport's own "nothing is listening" already names the server; a bare socket error does not.
        IOException e => KubernetesStatus.Of(502, StatusReasons.BadGateway, e.Message),
        SocketException e => KubernetesStatus.Of(502, StatusReasons.BadGateway, $"DNS server {server} is unreachable: {e.Message}"),
        _ => null,
    };
}
