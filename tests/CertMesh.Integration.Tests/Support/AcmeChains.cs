using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Xunit;

namespace CertMesh.Integration.Tests.Support;

/// <summary>The issued chain as a user fetches it (the Api, with the token), checked against Pebble's current root.</summary>
public static class AcmeChains
{
    public static async Task<X509Certificate2Collection> ReadSecretAsync(StackFixture stack, string @namespace, string secretName)
    {
        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPem(await ReadSecretPemAsync(stack, @namespace, secretName));
        return certificates;
    }

    public static async Task<string> ReadSecretPemAsync(StackFixture stack, string @namespace, string secretName)
    {
        using var http = stack.ApiClient();
        using var secret = JsonDocument.Parse(await http.GetStringAsync($"/api/secrets/{@namespace}/{secretName}"));
        return Encoding.UTF8.GetString(Convert.FromBase64String(secret.RootElement.GetProperty("data").GetProperty("tls.crt").GetString()!));
    }

    /// <summary>Pebble makes a new root at every start; the chain must build to the one it serves now.</summary>
    public static async Task VerifyAgainstPebbleRootAsync(X509Certificate2Collection certificates)
    {
        using var http = PebbleHttp.Create();
        var rootPem = await http.GetStringAsync("/roots/0");
        using var root = X509Certificate2.CreateFromPem(rootPem);
        using var verify = new X509Chain();
        verify.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        verify.ChainPolicy.CustomTrustStore.Add(root);
        verify.ChainPolicy.ExtraStore.AddRange(certificates);
        verify.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(verify.Build(certificates[0]), string.Join("; ", verify.ChainStatus.Select(s => s.StatusInformation)));
    }
}
