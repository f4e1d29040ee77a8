using CertMesh.Domain.Validation;

namespace CertMesh.Domain.Tests.Validation;

public sealed class NameserverSyntaxTests
{
    [Theory]
    [InlineData("10.0.0.53")]
    [InlineData("10.0.0.53:53")]
    [InlineData("10.0.0.53:")]
    [InlineData("127.0.0.1:5353")]
    [InlineData("ns1.example.com")]
    [InlineData("ns1.example.com.")]
    [InlineData("bind:53")]
    [InlineData("[2001:db8::53]:53")]
    [InlineData("[::1]")]
    [InlineData("2001:db8::53")]
    [InlineData(" 10.0.0.53:53 ")]
    public void Problem_AcceptedForm_IsNull(string nameserver)
    {
        Assert.Null(NameserverSyntax.Problem(nameserver));
    }

    [Theory]
    [InlineData(":53", "not a nameserver address")]
    [InlineData("[2001:db8::53", "not a nameserver address")]
    [InlineData("[2001:db8::53]53", "not a nameserver address")]
    [InlineData("[10.0.0.53]:53", "not a nameserver address")]
    [InlineData("2001:db8::zz", "not a nameserver address")]
    [InlineData("10.0.0.53:0", "port \"0\" must be a number from 1 to 65535")]
    [InlineData("10.0.0.53:65536", "port \"65536\" must be a number from 1 to 65535")]
    [InlineData("10.0.0.53:-1", "port \"-1\" must be a number from 1 to 65535")]
    [InlineData("10.0.0.256", "host \"10.0.0.256\" is not a valid IPv4 address")]
    [InlineData("10.0.53", "host \"10.0.53\" is not a valid IPv4 address")]
    [InlineData("ns_1.example.com", "host \"ns_1.example.com\" is neither an IP address nor a valid DNS name")]
    [InlineData("*.example.com", "is neither an IP address nor a valid DNS name")]
    [InlineData("https://ns1.example.com", "a nameserver address, not a URL")]
    public void Problem_BadValue_SaysWhy(string nameserver, string fragment)
    {
        Assert.Contains(fragment, NameserverSyntax.Problem(nameserver));
    }
}
