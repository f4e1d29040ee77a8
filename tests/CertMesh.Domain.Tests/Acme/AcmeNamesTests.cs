using System.Text;
using CertMesh.Contracts;
using CertMesh.Domain.Acme;

namespace CertMesh.Domain.Tests.Acme;

public sealed class AcmeNamesTests
{
    private static readonly IssuerReference Issuer = new() { Name = "letsencrypt", Kind = "ClusterIssuer", Group = "cert-manager.io" };

    [Theory]
    [InlineData("", 2166136261u)]
    [InlineData("a", 0xe40c292cu)]
    [InlineData("foobar", 0xbf9cf968u)]
    public void Hash_KnownVectors_MatchFnv1a(string input, uint expected)
    {
        Assert.Equal(expected, Fnv1a32.Hash(Encoding.ASCII.GetBytes(input)));
    }

    [Fact]
    public void Order_SameContent_SameNameWithDecimalHash()
    {
        var first = AcmeNames.Order("shop-1", Issuer, "shop.example.com", ["shop.example.com"], [], "2160h");
        var again = AcmeNames.Order("shop-1", Issuer with { }, "shop.example.com", ["shop.example.com"], [], "2160h");

        Assert.Equal(first, again);
        Assert.Matches("^shop-1-[0-9]{1,10}$", first);
    }

    [Fact]
    public void Order_NextAttemptOfSameRequest_GetsItsOwnName()
    {
        var first = AcmeNames.Order("shop-1", Issuer, null, ["shop.example.com"], [], null, Guid.Parse("0190a000-0000-7000-8000-000000000001"));
        var retry = AcmeNames.Order("shop-1", Issuer, null, ["shop.example.com"], [], null, Guid.Parse("0190a000-0000-7000-8000-000000000002"));

        Assert.NotEqual(first, retry);
        Assert.StartsWith("shop-1-", retry);
    }

    [Fact]
    public void Order_DifferentIdentifiers_DifferentName()
    {
        var one = AcmeNames.Order("shop-1", Issuer, null, ["shop.example.com"], [], null);
        var two = AcmeNames.Order("shop-1", Issuer, null, ["www.example.com"], [], null);
        var ip = AcmeNames.Order("shop-1", Issuer, null, ["shop.example.com"], ["10.0.0.1"], null);

        Assert.Equal(3, new[] { one, two, ip }.Distinct().Count());
    }

    [Fact]
    public void Challenge_PerAuthorization_StableAndDistinct()
    {
        var a = AcmeNames.Challenge("shop-1-123", "https://ca/authz/1", "http-01", "shop.example.com", false, "tok1");
        var b = AcmeNames.Challenge("shop-1-123", "https://ca/authz/2", "http-01", "www.example.com", false, "tok2");

        Assert.Equal(a, AcmeNames.Challenge("shop-1-123", "https://ca/authz/1", "http-01", "shop.example.com", false, "tok1"));
        Assert.NotEqual(a, b);
        Assert.StartsWith("shop-1-123-", a, StringComparison.Ordinal);
    }

    [Fact]
    public void Order_LongRequestName_PrefixCutTo52EndingAlphanumeric()
    {
        var request = new string('a', 50) + "--bbbbbbbbbb";

        var name = AcmeNames.Order(request, Issuer, null, ["x.example.com"], [], null);

        Assert.StartsWith(new string('a', 50) + "-", name, StringComparison.Ordinal);
        Assert.DoesNotContain("--", name, StringComparison.Ordinal);
        Assert.True(name.Length <= 63, name);
    }

    [Theory]
    [InlineData("short", "short")]
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijab-tail", "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijab")]
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefghijabcdefghij-.x", "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghij")]
    public void ShortenPrefix_Cases_AsCertManager(string prefix, string expected)
    {
        Assert.Equal(expected, AcmeNames.ShortenPrefix(prefix));
    }
}
