using CertMesh.DnsWebhook.Providers.Webhook;

namespace CertMesh.DnsWebhook.Tests.Providers.Webhook;

public class WebhookEndpointsTests
{
    [Theory]
    [InlineData("acme.imroc.cc", "dnspod", "http://127.0.0.1:8090/apis/acme.imroc.cc/v1alpha1/dnspod")]
    [InlineData("ACME.CertMesh.test", "rfc2136", "http://127.0.0.1:18099/apis/ACME.CertMesh.test/v1alpha1/rfc2136")]
    public void TryGetSolverUrl_ConfiguredGroup_CertManagerPath(string group, string solver, string expected)
    {
        var endpoints = WebhookEndpoints.Parse("acme.imroc.cc=http://127.0.0.1:8090, acme.certmesh.test=http://127.0.0.1:18099/");

        Assert.True(endpoints.TryGetSolverUrl(group, solver, out var url));
        Assert.Equal(expected, url.ToString());
    }

    [Fact]
    public void TryGetSolverUrl_BaseWithPath_KeepsPath()
    {
        var endpoints = WebhookEndpoints.Parse("g.example=https://solver.internal/dns/");

        Assert.True(endpoints.TryGetSolverUrl("g.example", "s", out var url));
        Assert.Equal("https://solver.internal/dns/apis/g.example/v1alpha1/s", url.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("a.example=http://127.0.0.1:1")]
    public void TryGetSolverUrl_GroupNotConfigured_False(string? variable) =>
        Assert.False(WebhookEndpoints.Parse(variable).TryGetSolverUrl("acme.imroc.cc", "dnspod", out _));

    [Theory]
    [InlineData("acme.imroc.cc")]
    [InlineData("=http://127.0.0.1:8090")]
    [InlineData("acme.imroc.cc=")]
    [InlineData("acme.imroc.cc=127.0.0.1:8090")]
    [InlineData("acme.imroc.cc=ftp://127.0.0.1")]
    [InlineData("g=http://127.0.0.1:1,g=http://127.0.0.1:2")]
    public void Parse_Malformed_ThrowsNamingVariable(string variable)
    {
        var error = Assert.Throws<InvalidOperationException>(() => WebhookEndpoints.Parse(variable));

        Assert.StartsWith("CERTMESH_DNS_WEBHOOKS: ", error.Message);
    }
}
