using System.Text.Json;
using CertMesh.DnsWebhook.Changes;

namespace CertMesh.DnsWebhook.Config;

/// <summary>
/// Reads the issuer's selected solver entry (<c>{"selector":…,"dns01":{…}}</c>) into the one provider CertMesh can act
/// through. Every problem in the entry is reported at once, each naming its field, as InvalidConfig: no amount of
/// retrying fixes an issuer.
/// </summary>
internal static class Dns01ConfigParser
{
    const string Supported = "only rfc2136 and webhook are supported";

    // cert-manager's other providers: named so the error says "not supported here" rather than "unknown".
    static readonly HashSet<string> OtherCertManagerProviders = new(StringComparer.Ordinal)
    {
        "acmeDNS", "akamai", "azureDNS", "cloudDNS", "cloudflare", "digitalocean", "route53",
    };

    // Fields of dns01 that are not providers; cnameStrategy is ChallengeSolver's business (it resolved the FQDN).
    static readonly HashSet<string> NotProviders = new(StringComparer.Ordinal) { "cnameStrategy" };

    public static Dns01Config Parse(string solverJson)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(solverJson);
        }
        catch (JsonException e)
        {
            throw DnsChangeException.InvalidConfig($"solver: not valid JSON ({e.Message})");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw DnsChangeException.InvalidConfig("solver: must be a JSON object");
            if (!document.RootElement.TryGetProperty("dns01", out var dns01) || dns01.ValueKind != JsonValueKind.Object)
                throw DnsChangeException.InvalidConfig($"dns01: the solver has no dns01 configuration; {Supported}");
            var (name, provider) = SingleProvider(dns01);
            var errors = new List<string>();
            Dns01Config config = name switch
            {
                "rfc2136" => Rfc2136ConfigReader.Read(provider, errors),
                "webhook" => WebhookConfigReader.Read(provider, errors),
                _ when OtherCertManagerProviders.Contains(name) =>
                    throw DnsChangeException.InvalidConfig($"dns01.{name}: the {name} provider is not supported by CertMesh; {Supported}"),
                _ => throw DnsChangeException.InvalidConfig($"dns01.{name}: unknown DNS-01 provider; {Supported}"),
            };
            return errors.Count == 0 ? config : throw DnsChangeException.InvalidConfig(string.Join("; ", errors));
        }
    }

    static (string Name, JsonElement Value) SingleProvider(JsonElement dns01)
    {
        // A null member is how some serializers write "not set"; it names no provider.
        var providers = dns01.EnumerateObject()
            .Where(p => !NotProviders.Contains(p.Name) && p.Value.ValueKind != JsonValueKind.Null)
            .ToList();
        return providers.Count switch
        {
            0 => throw DnsChangeException.InvalidConfig($"dns01: no DNS-01 provider configured; {Supported}"),
            1 => (providers[0].Name, providers[0].Value),
            _ => throw DnsChangeException.InvalidConfig(
                $"dns01: {providers.Count} providers configured ({string.Join(", ", providers.Select(p => p.Name))}); exactly one is allowed, and {Supported}"),
        };
    }
}
