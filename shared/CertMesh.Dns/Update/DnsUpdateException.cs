using System.Net;
using CertMesh.Dns.Wire;

namespace CertMesh.Dns.Update;

/// <summary>
/// An RFC 2136 update the server refused or whose answer failed TSIG checks. Carries the key's name,
/// never its secret, and the server's rcode and TSIG error so callers can tell a bad key from a bad zone.
/// </summary>
public sealed class DnsUpdateException(string message, IPEndPoint server, string keyName, DnsRcode rcode, DnsRcode tsigError)
    : Exception(message)
{
    public IPEndPoint Server { get; } = server;
    public string KeyName { get; } = keyName;
    public DnsRcode Rcode { get; } = rcode;

    /// <summary>BADSIG, BADKEY, BADTIME… from the response's TSIG record; NoError when the key itself was accepted.</summary>
    public DnsRcode TsigError { get; } = tsigError;

    /// <summary>True when the key (name, secret, algorithm or clock) is the problem rather than the zone or policy.</summary>
    public bool IsKeyRejected => TsigError != DnsRcode.NoError;
}
