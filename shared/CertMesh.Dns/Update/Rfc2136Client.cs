using System.Net;
using System.Security.Cryptography;
using CertMesh.Dns.Transport;
using CertMesh.Dns.Tsig;
using CertMesh.Dns.Wire;

namespace CertMesh.Dns.Update;

/// <summary>
/// Adds and removes single TXT values with TSIG-signed RFC 2136 updates. Each call touches one RR only,
/// so concurrent DNS-01 challenges for the same name (wildcard plus apex) never erase each other's tokens.
/// </summary>
public sealed class Rfc2136Client(IPEndPoint server, TsigKey key, DnsClientOptions? options = null, TimeProvider? time = null)
{
    readonly DnsClientOptions options = options ?? DnsClientOptions.Default;
    readonly TimeProvider time = time ?? TimeProvider.System;

    public IPEndPoint Server => server;

    /// <summary>Adds one value to the TXT set at fqdn, leaving values already there. Adding an existing value is a no-op.</summary>
    public Task AddTxtAsync(string zone, string fqdn, string value, uint ttl, CancellationToken cancellationToken = default) =>
        SendAsync(zone, fqdn, value, DnsClass.IN, ttl, "add", cancellationToken);

    /// <summary>Deletes just this value from the TXT set at fqdn; removing an absent value succeeds.</summary>
    public Task RemoveTxtAsync(string zone, string fqdn, string value, CancellationToken cancellationToken = default) =>
        SendAsync(zone, fqdn, value, DnsClass.NONE, 0, "remove", cancellationToken);

    async Task SendAsync(string zone, string fqdn, string value, DnsClass @class, uint ttl, string verb, CancellationToken ct)
    {
        var id = (ushort)RandomNumberGenerator.GetInt32(ushort.MaxValue + 1);
        var unsigned = UpdateMessage.TxtChange(id, zone, fqdn, value, @class, ttl);
        var (request, requestMac) = TsigSigner.Sign(unsigned, key, time.GetUtcNow());
        var what = $"{verb} TXT at {fqdn} in zone {zone}";

        var raw = await DnsTransport.ExchangeAsync(server, request, what, options, ct);
        var response = DnsMessage.Parse(raw);

        var tsigError = response.Tsig?.Data is TsigRecordData tsig ? tsig.Error : DnsRcode.NoError;
        if (tsigError != DnsRcode.NoError)
            throw new DnsUpdateException(
                $"TSIG key {key.Name} was rejected by {server}: {response.Rcode.ToMnemonic()} ({tsigError.ToMnemonic()}) for {what}",
                server, key.Name, response.Rcode, tsigError);

        // An unsigned NOTAUTH/REFUSED is still worth reporting as the server's verdict before complaining it is unsigned.
        if (response.Rcode != DnsRcode.NoError)
            throw new DnsUpdateException(
                $"{server} refused to {what} with TSIG key {key.Name}: {response.Rcode.ToMnemonic()}",
                server, key.Name, response.Rcode, tsigError);

        var problem = TsigSigner.Verify(raw, response, key, requestMac, time.GetUtcNow());
        if (problem is not null)
            throw new DnsUpdateException(
                $"The answer from {server} to {what} failed TSIG verification with key {key.Name}: {problem}",
                server, key.Name, response.Rcode, tsigError);
    }
}
