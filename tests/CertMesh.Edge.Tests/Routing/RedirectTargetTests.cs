using CertMesh.Edge.Routing;
using Microsoft.AspNetCore.Http;

namespace CertMesh.Edge.Tests.Routing;

public sealed class RedirectTargetTests
{
    [Theory]
    [InlineData("app.example.test", "", "/", "", 5443, "https://app.example.test:5443/")]
    [InlineData("app.example.test", "", "/a/b", "?x=1&y=2", 5443, "https://app.example.test:5443/a/b?x=1&y=2")]
    [InlineData("app.example.test", "", "/a/b", "?x=1", 443, "https://app.example.test/a/b?x=1")]
    [InlineData("app.example.test", "/base", "/p", "", 8443, "https://app.example.test:8443/base/p")]
    [InlineData("app.example.test", "", "/with space", "", 443, "https://app.example.test/with%20space")]
    public void For_Request_IsTheSameHostPathAndQueryOnTheHttpsPort(string host, string pathBase, string path, string query, int port, string expected) =>
        Assert.Equal(expected, RedirectTarget.For(host, new PathString(pathBase.Length == 0 ? null : pathBase), new PathString(path), new QueryString(query.Length == 0 ? null : query), port));
}
