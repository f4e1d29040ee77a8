using CertMesh.Domain.Validation;

namespace CertMesh.Domain.Tests.Validation;

public sealed class DnsNameSyntaxTests
{
    [Theory]
    [InlineData("example.com")]
    [InlineData("*.example.com")]
    [InlineData("xn--bcher-kva.example.com")]
    [InlineData("a-b.c-d.example")]
    [InlineData("localhost")]
    [InlineData("WEB.Example.COM")]
    public void Errors_ValidName_None(string name)
    {
        Assert.Empty(DnsNameSyntax.Errors(name));
    }

    [Theory]
    [InlineData("10.0.0.1", "10.0.0.1")]
    [InlineData("2001:DB8:0::1", "2001:db8::1")]
    [InlineData("::ffff:10.0.0.1", "::ffff:10.0.0.1")]
    [InlineData("010.0.0.1", null)]
    [InlineData("1.2.3", null)]
    [InlineData("", null)]
    public void NormalizeIp_Table(string input, string? expected)
    {
        Assert.Equal(expected, SanSyntax.NormalizeIp(input));
    }
}
