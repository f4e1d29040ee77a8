using CertMesh.Edge.Tls;
using Microsoft.Extensions.Configuration;

namespace CertMesh.Edge.Tests.Tls;

public sealed class TlsOptionsTests
{
    static TlsOptions Read(string httpUrl, params (string Key, string Value)[] settings) =>
        TlsOptions.From(new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => (string?)s.Value)).Build(), httpUrl);

    [Fact]
    public void From_NothingConfigured_TlsOffAndNamespaceEdge()
    {
        var options = Read("http://127.0.0.1:5002");

        Assert.False(options.Enabled);
        Assert.Equal(["edge"], options.Namespaces);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5002", "https://127.0.0.1:5443")]
    [InlineData("http://*:8080", "https://*:5443")]
    public void From_HttpsPort_ListensOnTheHostOfTheHttpAddress(string httpUrl, string expected)
    {
        Assert.Equal(expected, Read(httpUrl, ("CERTMESH_EDGE_HTTPS_PORT", "5443")).HttpsUrl);
    }

    [Fact]
    public void From_HttpsUrlAndNamespaceList_TakenAsWritten()
    {
        var options = Read("http://127.0.0.1:5002", ("CERTMESH_EDGE_HTTPS_URL", "https://127.0.0.1:9443"), ("CERTMESH_EDGE_TLS_NAMESPACES", " edge, shop ,,"));

        Assert.Equal("https://127.0.0.1:9443", options.HttpsUrl);
        Assert.Equal(["edge", "shop"], options.Namespaces.Order());
    }

    [Theory]
    [InlineData("CERTMESH_EDGE_HTTPS_URL", "http://127.0.0.1:9443", "must be an https:// address")]
    [InlineData("CERTMESH_EDGE_HTTPS_PORT", "99999", "must be a TCP port")]
    [InlineData("CERTMESH_EDGE_HTTPS_PORT", "https", "must be a TCP port")]
    public void From_BadSetting_FailsNamingIt(string key, string value, string message)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read("http://127.0.0.1:5002", (key, value)));

        Assert.Contains(key, error.Message);
        Assert.Contains(message, error.Message);
    }
}
