using System.Security.Cryptography;
using System.Text.Json;
using CertMesh.Contracts;
using CertMesh.Integration.Tests.Support;
using MassTransit;
using Xunit;

namespace CertMesh.Integration.Tests.Issuance;

/// <summary>What happens to a certificate after its first issuance: manual renewal, key rotation policy, deletion.</summary>
[Collection(StackCollection.Name)]
public sealed class LifecycleTests(StackFixture stack)
{
    [Fact]
    public async Task Renew_IssuedCertificate_RevisionTwoWithNewKey()
    {
        await stack.Bus.Publish(Commands.Issue("it-life", "renewed"));
        var first = await stack.Events.WaitForIssuedAsync("it-life", "renewed");
        var keyBefore = await SecretKeyAsync("it-life", "renewed-tls");

        await stack.Bus.Publish(new RenewCertificate { Namespace = "it-life", Name = "renewed" });
        var second = await stack.Events.WaitForIssuedAsync("it-life", "renewed", revision: 2);

        Assert.NotEqual(first.SerialNumber, second.SerialNumber);
        Assert.NotEqual(keyBefore, await SecretKeyAsync("it-life", "renewed-tls"));
        // revisionHistoryLimit defaults to 1: only the newest request is kept.
        Assert.Equal(new[] { "renewed-2" }, await RequestNamesAsync("it-life", "renewed"));
    }

    [Fact]
    public async Task Renew_RotationPolicyNever_KeepsPrivateKey()
    {
        var command = Commands.Issue("it-life", "stable-key")
            .WithSpec(s => s with { PrivateKey = new CertificatePrivateKey { Algorithm = "ECDSA", Size = 384, RotationPolicy = "Never", Encoding = "PKCS8" } });
        await stack.Bus.Publish(command);
        await stack.Events.WaitForIssuedAsync("it-life", "stable-key");
        var keyBefore = await SecretKeyAsync("it-life", "stable-key-tls");

        await stack.Bus.Publish(new RenewCertificate { Namespace = "it-life", Name = "stable-key" });
        await stack.Events.WaitForIssuedAsync("it-life", "stable-key", revision: 2);

        Assert.Equal(keyBefore, await SecretKeyAsync("it-life", "stable-key-tls"));
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", keyBefore);
        using var key = ECDsa.Create();
        key.ImportFromPem(keyBefore);
        Assert.Equal(384, key.KeySize);
    }

    [Fact]
    public async Task Delete_IssuedCertificate_RemovesCertificateRequestsAndSecret()
    {
        await stack.Bus.Publish(Commands.Issue("it-life", "doomed"));
        await stack.Events.WaitForIssuedAsync("it-life", "doomed");
        var client = stack.Bus.CreateRequestClient<DeleteCertificate>();

        var response = await client.GetResponse<CertificateDeleted, CertificateNotFound>(new DeleteCertificate { Namespace = "it-life", Name = "doomed" });

        Assert.True(response.Is(out Response<CertificateDeleted>? _));
        await stack.Events.WaitUntilAsync(() => Count("secrets", "doomed-tls").Result == 0, TimeSpan.FromSeconds(30), "the Secret to be removed");
        Assert.Equal(0L, await Count("resources", "doomed"));
        Assert.Empty(await RequestNamesAsync("it-life", "doomed"));
        var again = await client.GetResponse<CertificateDeleted, CertificateNotFound>(new DeleteCertificate { Namespace = "it-life", Name = "doomed" });
        Assert.True(again.Is(out Response<CertificateNotFound>? _));
    }

    async Task<string> SecretKeyAsync(string @namespace, string secretName)
    {
        using var http = stack.ApiClient();
        using var secret = JsonDocument.Parse(await http.GetStringAsync($"/api/secrets/{@namespace}/{secretName}"));
        return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(secret.RootElement.GetProperty("data").GetProperty("tls.key").GetString()!));
    }

    async Task<string[]> RequestNamesAsync(string @namespace, string certificate)
    {
        using var http = stack.ApiClient();
        using var list = JsonDocument.Parse(await http.GetStringAsync($"/api/resources/CertificateRequest?namespace={@namespace}"));
        return list.RootElement.GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("metadata").GetProperty("name").GetString()!)
            .Where(n => n.StartsWith(certificate + "-", StringComparison.Ordinal))
            .Order()
            .ToArray();
    }

    Task<long> Count(string table, string name) => table == "secrets"
        ? stack.ScalarAsync<long>("SELECT count(*) FROM secrets WHERE namespace = 'it-life' AND name = @name", ("name", name))
        : stack.ScalarAsync<long>("SELECT count(*) FROM resources WHERE namespace = 'it-life' AND name = @name", ("name", name));
}
