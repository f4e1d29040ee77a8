using Microsoft.Extensions.Configuration;

namespace CertMesh.DnsWebhook.Tests;

public class DnsWebhookOptionsTests
{
    static DnsWebhookOptions From(Dictionary<string, string?> settings) =>
        DnsWebhookOptions.From(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

    [Fact]
    public void From_NothingSet_CertManagerDefaults()
    {
        var options = From([]);

        Assert.Equal("cert-manager", options.ClusterResourceNamespace);
        Assert.Equal(16, options.Concurrency);
        Assert.Equal(TimeSpan.FromSeconds(30), options.WebhookTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), options.DnsTimeout);
        Assert.Empty(options.Webhooks.Groups);
    }

    [Fact]
    public void From_EverythingSet_ReadsEachVariable()
    {
        var options = From(new()
        {
            ["CERTMESH_CLUSTER_RESOURCE_NAMESPACE"] = "certmesh",
            ["CERTMESH_DNS_CONCURRENCY"] = "4",
            ["CERTMESH_DNS_WEBHOOKS"] = "acme.imroc.cc=http://127.0.0.1:8090,acme.certmesh.test=http://127.0.0.1:18099",
            ["CERTMESH_DNS_WEBHOOK_TIMEOUT"] = "10s",
            ["CERTMESH_DNS_UPDATE_TIMEOUT"] = "1500ms",
        });

        Assert.Equal("certmesh", options.ClusterResourceNamespace);
        Assert.Equal(4, options.Concurrency);
        Assert.Equal(["acme.imroc.cc", "acme.certmesh.test"], options.Webhooks.Groups);
        Assert.Equal(TimeSpan.FromSeconds(10), options.WebhookTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), options.DnsTimeout);
    }

    [Fact]
    public void From_ZeroConcurrency_KeepsDefault() =>
        Assert.Equal(16, From(new() { ["CERTMESH_DNS_CONCURRENCY"] = "0" }).Concurrency);

    [Theory]
    [InlineData("CERTMESH_DNS_WEBHOOK_TIMEOUT", "30")]
    [InlineData("CERTMESH_DNS_UPDATE_TIMEOUT", "-1s")]
    public void From_BadDuration_ThrowsNamingVariable(string variable, string value) =>
        Assert.StartsWith(variable + ": ", Assert.Throws<InvalidOperationException>(() => From(new() { [variable] = value })).Message);
}
