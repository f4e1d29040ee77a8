using System.Net;
using CertMesh.Dns.Resolver;
using CertMesh.Dns.Wire;
using CertMesh.Testing;

namespace CertMesh.DnsWebhook.Tests.Support;

/// <summary>
/// The BIND deploy/local/infra-up.sh runs: from the environment, else from the .state/env file it writes, so
/// `dotnet test` works without sourcing anything. Never skips: a missing server fails the test with what to start.
/// Other suites use the same zone at the same time, so every name here is random under <c>dnswebhook.</c>.
/// </summary>
internal static class Bind
{
    static readonly DnsResolver Resolver = new();

    public static string ServerText => Get("BIND_SERVER");
    public static IPEndPoint Server => IPEndPoint.Parse(ServerText);
    public static string Zone => Get("BIND_ZONE").TrimEnd('.') + ".";
    public static string KeyName => Get("TSIG_KEY_NAME");
    public static string Algorithm => Get("TSIG_ALGORITHM");

    /// <summary>The base64 secret as tsig-keygen printed it; tests only ever compare against it, never print it.</summary>
    public static string Secret => Get("TSIG_SECRET");

    /// <summary>A secret of the right length that BIND does not know.</summary>
    public static string WrongSecret => Convert.ToBase64String(Enumerable.Repeat((byte)0x42, 32).ToArray());

    public static string RandomFqdn(string label) => $"_acme-challenge.{label}-{Guid.NewGuid():N}"[..44] + ".dnswebhook." + Zone;

    public static async Task<string[]> TxtValuesAsync(string fqdn)
    {
        var answer = await Resolver.QueryAsync(Server, fqdn, DnsType.TXT);
        return answer.Answers.Where(r => r.Type == DnsType.TXT).Select(r => ((TxtRecordData)r.Data).Text).Order(StringComparer.Ordinal).ToArray();
    }

    static string Get(string name) => LocalSettings.Get(name);
}
