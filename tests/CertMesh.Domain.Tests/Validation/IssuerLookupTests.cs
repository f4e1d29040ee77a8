using System.Text.Json;
using CertMesh.Domain.Resources;
using CertMesh.Domain.Validation;

namespace CertMesh.Domain.Tests.Validation;

public sealed class IssuerLookupTests
{
    [Theory]
    [InlineData("""{"solvers":[{"http01":{}}]}""", true)]
    [InlineData("""{"solvers":[{"http01":{}},{"http01":{},"selector":{}}]}""", true)]
    [InlineData("""{"solvers":[{"http01":{}},{"dns01":{}}]}""", false)]
    [InlineData("""{"solvers":[{"dns01":{}}]}""", false)]
    [InlineData("""{"solvers":[]}""", false)]
    [InlineData("""{}""", false)]
    public void From_AcmeIssuer_DetectsHttp01Only(string acme, bool http01Only)
    {
        var issuer = new Issuer { Spec = new IssuerSpec { Acme = JsonDocument.Parse(acme).RootElement.Clone() } };

        var lookup = IssuerLookup.From(issuer);

        Assert.Equal(IssuerLookup.Of(IssuerType.Acme, http01Only), lookup);
    }

    [Fact]
    public void From_Null_NotFound()
    {
        Assert.False(IssuerLookup.From(null).Found);
    }

    [Fact]
    public void From_CaIssuer_FoundAsCa()
    {
        var lookup = IssuerLookup.From(new Issuer { Spec = new IssuerSpec { Ca = new CaIssuer { SecretName = "ca" } } });

        Assert.Equal(IssuerLookup.Of(IssuerType.Ca), lookup);
    }

    [Fact]
    public void Of_NonAcmeWithHttp01Flag_FlagIgnored()
    {
        Assert.False(IssuerLookup.Of(IssuerType.Ca, acmeHttp01Only: true).AcmeHttp01Only);
    }
}
