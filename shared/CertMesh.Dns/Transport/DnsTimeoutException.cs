using System.Net;

namespace CertMesh.Dns.Transport;

/// <summary>The server did not answer in time; names the server and what was asked so the log line is actionable.</summary>
public sealed class DnsTimeoutException(IPEndPoint server, string what, TimeSpan timeout, string protocol)
    : TimeoutException($"No DNS response from {server} over {protocol} within {timeout.TotalSeconds:0.#} s for {what}")
{
    public IPEndPoint Server { get; } = server;
}
