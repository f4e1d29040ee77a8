using CertMesh.Edge.Certificates;
using Microsoft.Extensions.Configuration;

namespace CertMesh.Edge.Tests.Certificates;

public sealed class RouteCertificateOptionsTests
{
    static RouteCertificateOptions From(params (string Key, string Value)[] values) =>
        RouteCertificateOptions.From(new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build());

    [Fact]
    public void From_Nothing_IsNamespaceEdgeAndPort5443() =>
        Assert.Equal(("edge", 5443), (From().Namespace, From().HttpsRedirectPort));

    [Fact]
    public void From_RedirectPortUnset_IsTheEdgesHttpsPort() =>
        Assert.Equal(6443, From(("EDGE_HTTPS_PORT", "6443")).HttpsRedirectPort);

    [Fact]
    public void From_RedirectPortSet_WinsOverTheHttpsPort() =>
        Assert.Equal(443, From(("EDGE_HTTPS_PORT", "6443"), ("CERTMESH_EDGE_HTTPS_REDIRECT_PORT", "443")).HttpsRedirectPort);

    [Theory]
    [InlineData("CERTMESH_EDGE_NAMESPACE", "Edge_NS")]
    [InlineData("CERTMESH_EDGE_HTTPS_REDIRECT_PORT", "70000")]
    public void From_InvalidValue_FailsAtStartNamingTheVariable(string key, string value) =>
        Assert.StartsWith(key, Assert.Throws<InvalidOperationException>(() => From((key, value))).Message);
}
