using System.Text.Json;
using CertMesh.Domain.Acme;

namespace CertMesh.Domain.Tests.Acme;

public sealed class SolverSelectorTests
{
    private static readonly string[] Both = [SolverTypes.Http01, SolverTypes.Dns01];
    private static readonly string[] HttpOnly = [SolverTypes.Http01];
    private static readonly string[] DnsOnly = [SolverTypes.Dns01];
    private static readonly Dictionary<string, string> NoLabels = [];

    // Each solver is named by its "name" field so a case can say which one wins.
    private static IReadOnlyList<AcmeSolver> Solvers(string solversJson)
    {
        using var document = JsonDocument.Parse($$"""{"server":"https://acme.test/dir","privateKeySecretRef":{"name":"k"},"solvers":{{solversJson}}}""");
        Assert.True(AcmeIssuerConfig.TryParse(document.RootElement, out var config, out var error), error);
        return config.Solvers;
    }

    private static string? Chosen(AcmeSolver? solver) =>
        solver is null ? null : JsonDocument.Parse(solver.Json).RootElement.GetProperty("name").GetString();

    [Fact]
    public void Select_NoSelector_MatchesAnyName()
    {
        var solvers = Solvers("""[{"name":"any","http01":{}}]""");

        Assert.Equal("any", Chosen(SolverSelector.Select(solvers, "shop.example.com", false, Both, NoLabels)));
    }

    [Fact]
    public void Select_TypeNotOffered_SkipsSolver()
    {
        var solvers = Solvers("""[{"name":"http","http01":{}},{"name":"dns","dns01":{}}]""");

        Assert.Equal("dns", Chosen(SolverSelector.Select(solvers, "example.com", true, DnsOnly, NoLabels)));
    }

    [Fact]
    public void Select_NothingUsable_ReturnsNull()
    {
        var solvers = Solvers("""[{"name":"dns","dns01":{},"selector":{"dnsZones":["other.test"]}}]""");

        Assert.Null(SolverSelector.Select(solvers, "shop.example.com", false, Both, NoLabels));
        Assert.Null(SolverSelector.Select(Solvers("""[{"name":"dns","dns01":{}}]"""), "shop.example.com", false, HttpOnly, NoLabels));
        Assert.Null(SolverSelector.Select([], "shop.example.com", false, Both, NoLabels));
    }

    [Theory]
    // dnsNames beats a zone and labels, wherever it is in the list
    [InlineData("""[{"name":"zone","http01":{},"selector":{"dnsZones":["example.com"]}},{"name":"named","http01":{},"selector":{"dnsNames":["shop.example.com"]}}]""", "shop.example.com", false, "named")]
    [InlineData("""[{"name":"labels","http01":{},"selector":{"matchLabels":{"team":"shop","tier":"web"}}},{"name":"named","http01":{},"selector":{"dnsNames":["shop.example.com"]}}]""", "shop.example.com", false, "named")]
    // a dnsNames selector that does not list the name does not match at all
    [InlineData("""[{"name":"named","http01":{},"selector":{"dnsNames":["www.example.com"]}},{"name":"any","http01":{}}]""", "shop.example.com", false, "any")]
    // the most specific zone wins, an exact zone counts, a suffix must end on a label boundary
    [InlineData("""[{"name":"short","http01":{},"selector":{"dnsZones":["example.com"]}},{"name":"long","http01":{},"selector":{"dnsZones":["shop.example.com"]}}]""", "www.shop.example.com", false, "long")]
    [InlineData("""[{"name":"any","http01":{}},{"name":"exact","http01":{},"selector":{"dnsZones":["example.com"]}}]""", "example.com", false, "exact")]
    [InlineData("""[{"name":"suffix","http01":{},"selector":{"dnsZones":["example.com"]}},{"name":"any","http01":{}}]""", "badexample.com", false, "any")]
    // a zone beats labels; among zone matches of equal length, more labels win
    [InlineData("""[{"name":"labels","http01":{},"selector":{"matchLabels":{"team":"shop"}}},{"name":"zone","http01":{},"selector":{"dnsZones":["example.com"]}}]""", "shop.example.com", false, "zone")]
    [InlineData("""[{"name":"zone","http01":{},"selector":{"dnsZones":["example.com"]}},{"name":"zone+label","http01":{},"selector":{"dnsZones":["example.com"],"matchLabels":{"team":"shop"}}}]""", "shop.example.com", false, "zone+label")]
    // the most labels win, all must match
    [InlineData("""[{"name":"one","http01":{},"selector":{"matchLabels":{"team":"shop"}}},{"name":"two","http01":{},"selector":{"matchLabels":{"team":"shop","tier":"web"}}}]""", "shop.example.com", false, "two")]
    [InlineData("""[{"name":"one","http01":{},"selector":{"matchLabels":{"team":"shop"}}},{"name":"mismatch","http01":{},"selector":{"matchLabels":{"team":"shop","tier":"db"}}}]""", "shop.example.com", false, "one")]
    // ties go to the first; an unselective solver never displaces one already chosen
    [InlineData("""[{"name":"first","http01":{},"selector":{"dnsZones":["example.com"]}},{"name":"second","dns01":{},"selector":{"dnsZones":["example.com"]}}]""", "shop.example.com", false, "first")]
    [InlineData("""[{"name":"first","http01":{}},{"name":"second","http01":{}}]""", "shop.example.com", false, "first")]
    [InlineData("""[{"name":"labels","http01":{},"selector":{"matchLabels":{"team":"shop"}}},{"name":"any","http01":{}}]""", "shop.example.com", false, "labels")]
    [InlineData("""[{"name":"empty","http01":{},"selector":{}},{"name":"any","http01":{}}]""", "shop.example.com", false, "empty")]
    // a wildcard is compared as "*.name"
    [InlineData("""[{"name":"plain","dns01":{},"selector":{"dnsNames":["example.com"]}},{"name":"wild","dns01":{},"selector":{"dnsNames":["*.example.com"]}}]""", "example.com", true, "wild")]
    [InlineData("""[{"name":"plain","dns01":{},"selector":{"dnsNames":["example.com"]}},{"name":"wild","dns01":{},"selector":{"dnsNames":["*.example.com"]}}]""", "example.com", false, "plain")]
    [InlineData("""[{"name":"zone","dns01":{},"selector":{"dnsZones":["example.com"]}}]""", "example.com", true, "zone")]
    public void Select_Precedence_PicksCertManagersChoice(string solversJson, string identifier, bool wildcard, string expected)
    {
        var labels = new Dictionary<string, string> { ["team"] = "shop", ["tier"] = "web" };

        var chosen = SolverSelector.Select(Solvers(solversJson), identifier, wildcard, Both, labels);

        Assert.Equal(expected, Chosen(chosen));
    }

    [Fact]
    public void Select_ZoneWithTrailingDotAndCase_StillMatches()
    {
        var solvers = Solvers("""[{"name":"zone","dns01":{},"selector":{"dnsZones":["Example.COM."]}}]""");

        Assert.Equal("zone", Chosen(SolverSelector.Select(solvers, "shop.example.com", false, Both, NoLabels)));
    }

    [Fact]
    public void Select_LabelsWithoutCertificateLabels_DoesNotMatch()
    {
        var solvers = Solvers("""[{"name":"labels","http01":{},"selector":{"matchLabels":{"team":"shop"}}}]""");

        Assert.Null(SolverSelector.Select(solvers, "shop.example.com", false, Both, null));
    }
}
