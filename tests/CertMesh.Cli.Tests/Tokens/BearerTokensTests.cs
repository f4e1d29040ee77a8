using System.Text.RegularExpressions;
using CertMesh.Cli.Tokens;
using CertMesh.Domain.Authorization;
using Xunit;

namespace CertMesh.Cli.Tests.Tokens;

/// <summary>The CLI copies the Api's token rules rather than referencing Domain; these keep the copy honest.</summary>
public sealed class BearerTokensTests
{
    [Fact]
    public void New_HasTheApisFormat()
    {
        var token = BearerTokens.New();

        Assert.Equal(TokenHash.Prefix, BearerTokens.Prefix);
        Assert.Matches(new Regex("^cm_[A-Za-z0-9_-]{43}$"), token);
        Assert.True(token.Length <= TokenHash.MaxTokenLength);
    }

    [Fact]
    public void New_TwoCalls_DifferentTokens() => Assert.NotEqual(BearerTokens.New(), BearerTokens.New());

    [Fact]
    public void Sha256_AgreesWithTheApisHash()
    {
        for (var i = 0; i < 50; i++)
        {
            var token = i % 2 == 0 ? BearerTokens.New() : TokenHash.NewToken();

            Assert.Equal(TokenHash.Of(token), BearerTokens.Sha256(token));
            Assert.True(TokenHash.IsHash(BearerTokens.Sha256(token)));
        }
    }

    [Fact]
    public void Sha256_KnownVector_IsLowerHex() =>
        Assert.Equal("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", BearerTokens.Sha256("hello"));
}
