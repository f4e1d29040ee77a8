using CertMesh.Domain.Validation;
using CertMesh.Edge.Certificates;

namespace CertMesh.Edge.Tests.Certificates;

public sealed class CertificateNamesTests
{
    [Theory]
    [InlineData("app", "route-app")]
    [InlineData("shop-v2", "route-shop-v2")]
    [InlineData("123", "route-123")]
    public void For_IdAlreadyALowercaseLabel_IsRouteDashId(string routeId, string expected) =>
        Assert.Equal(expected, CertificateNames.For(routeId));

    [Theory]
    [InlineData("App")]
    [InlineData("my_app")]
    [InlineData("a.b")]
    [InlineData("-app-")]
    [InlineData("ümlaut")]
    [InlineData("!!!")]
    [InlineData("a-very-long-route-identifier-that-goes-on-and-on-beyond-any-reasonable-length")]
    public void For_AnyId_IsAValidShortResourceNameWithAValidSecretName(string routeId)
    {
        var name = CertificateNames.For(routeId);

        Assert.Empty(KubernetesNames.SubdomainErrors(name));
        Assert.Empty(KubernetesNames.LabelErrors(CertificateNames.SecretFor(name)));
        Assert.InRange(name.Length, 1, CertificateNames.MaxNameLength);
        Assert.StartsWith(CertificateNames.NamePrefix, name);
    }

    [Fact]
    public void For_IdsThatCleanUpAlike_GetDifferentNames()
    {
        string[] ids = ["app", "App", "APP", "a_pp", "a-pp", "a.pp", "a pp"];

        var names = ids.Select(CertificateNames.For).ToList();

        Assert.Equal(ids.Length, names.Distinct().Count());
    }

    [Fact]
    public void For_SameId_IsTheSameNameEveryTime() =>
        Assert.Equal(CertificateNames.For("My_App"), CertificateNames.For("My_App"));

    [Fact]
    public void For_CleanedId_KeepsAReadablePrefix() =>
        Assert.Matches("^route-my-app-[0-9a-f]{8}$", CertificateNames.For("My_App"));
}
