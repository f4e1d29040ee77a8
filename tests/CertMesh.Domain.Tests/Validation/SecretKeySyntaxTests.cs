using CertMesh.Domain.Validation;

namespace CertMesh.Domain.Tests.Validation;

public sealed class SecretKeySyntaxTests
{
    [Theory]
    [InlineData("tls.crt")]
    [InlineData("TSIG_SECRET")]
    [InlineData("secret-key")]
    [InlineData(".dockerconfigjson")]
    public void Problem_KubernetesKey_IsNull(string key)
    {
        Assert.Null(SecretKeySyntax.Problem(key));
    }

    [Theory]
    [InlineData("", "a valid config key")]
    [InlineData("a/b", "a valid config key")]
    [InlineData("with space", "a valid config key")]
    [InlineData(".", "must not be '.' or '..'")]
    [InlineData("..", "must not be '.' or '..'")]
    [InlineData("..data", "nor start with '..'")]
    public void Problem_BadKey_SaysWhy(string key, string fragment)
    {
        Assert.Contains(fragment, SecretKeySyntax.Problem(key));
    }

    [Fact]
    public void Problem_TooLong_SaysLimit()
    {
        Assert.Equal("must be no more than 253 characters", SecretKeySyntax.Problem(new string('k', 254)));
    }
}
