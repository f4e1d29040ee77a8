using System.Text;
using CertMesh.Dns.Transport;
using CertMesh.Dns.Tsig;
using CertMesh.Dns.Update;
using CertMesh.DnsWebhook.Changes;
using CertMesh.DnsWebhook.Config;
using CertMesh.DnsWebhook.Providers.Rfc2136;
using CertMesh.DnsWebhook.Providers.Webhook;
using CertMesh.DnsWebhook.Secrets;

namespace CertMesh.DnsWebhook.Providers;

/// <summary>
/// Builds the provider a parsed solver asks for, with its credentials read fresh from the secret store (a rotated TSIG
/// secret is used by the next change), and the webhook's base URL from this service's own configuration.
/// </summary>
internal sealed class DnsProviderFactory(SolverSecrets secrets, WebhookHttp http, DnsWebhookOptions options, TimeProvider time)
{
    public Task<IDnsProvider> CreateAsync(Dns01Config config, string secretNamespace, CancellationToken cancellationToken) => config switch
    {
        Rfc2136Config rfc2136 => Rfc2136Async(rfc2136, secretNamespace, cancellationToken),
        WebhookConfig webhook => Task.FromResult(Webhook(webhook)),
        _ => throw new ArgumentOutOfRangeException(nameof(config), config.GetType().Name, "no provider for this configuration"),
    };

    async Task<IDnsProvider> Rfc2136Async(Rfc2136Config config, string secretNamespace, CancellationToken cancellationToken)
    {
        var nameserver = Nameserver.Parse(config.Nameserver);
        var key = config is { TsigKeyName: { } keyName, TsigSecret: { } selector }
            ? await TsigKeyAsync(keyName, config.TsigAlgorithm, selector, secretNamespace, cancellationToken)
            : null;
        var server = await nameserver.ResolveAsync(cancellationToken);
        var dns = new DnsClientOptions { Timeout = options.DnsTimeout, ForceTcp = config.OverTcp };
        var client = key is null ? null : new Rfc2136Client(server, key, dns, time);
        return new Rfc2136Provider(nameserver, server, client, dns);
    }

    async Task<TsigKey> TsigKeyAsync(string keyName, string algorithm, SecretKeySelector selector, string secretNamespace, CancellationToken cancellationToken)
    {
        const string field = $"{Rfc2136Config.Field}.tsigSecretSecretRef";
        var value = await secrets.ReadAsync(secretNamespace, selector, field, cancellationToken);
        try
        {
            // The Secret holds the base64 text tsig-keygen prints, often with a trailing newline.
            return TsigKey.FromBase64(keyName, algorithm, Encoding.UTF8.GetString(value).Trim());
        }
        catch (ArgumentException e)
        {
            // TsigKey's messages name the key and what is wrong with it, never the secret.
            throw DnsChangeException.InvalidConfig($"{field}: Secret \"{secretNamespace}/{selector.Name}\" key \"{selector.Key}\": {e.Message}");
        }
    }

    IDnsProvider Webhook(WebhookConfig config) =>
        options.Webhooks.TryGetSolverUrl(config.GroupName, config.SolverName, out var url)
            ? new WebhookProvider(config, url, http.Client)
            : throw DnsChangeException.InvalidConfig(
                $"{WebhookConfig.Field}.groupName: no webhook solver is configured for group {config.GroupName}; " +
                $"add {config.GroupName}=<base URL> to {WebhookEndpoints.Variable}");
}
