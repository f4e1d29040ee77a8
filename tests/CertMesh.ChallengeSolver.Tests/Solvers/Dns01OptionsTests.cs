using System.Net;
using System.Text.Json;
using CertMesh.ChallengeSolver.Solvers;
using Microsoft.Extensions.Configuration;

namespace CertMesh.ChallengeSolver.Tests.Solvers;

public class Dns01OptionsTests
{
    static Dns01Options From(params (string Name, string Value)[] settings) => Dns01Options.From(new ConfigurationBuilder()
        .AddInMemoryCollection(settings.ToDictionary(s => s.Name, s => (string?)s.Value)).Build());

    [Fact]
    public void From_Nothing_Port53RecursiveFromTheSystemAuthoritativeChecked()
    {
        var options = From();

        Assert.NotEmpty(options.RecursiveNameservers);
        Assert.All(options.RecursiveNameservers, s => Assert.Equal(53, s.Port));
        Assert.Equal((false, 53, TimeSpan.FromSeconds(30)), (options.RecursiveNameserversOnly, options.NameserverPort, options.WebhookTimeout));
    }

    [Fact]
    public void From_EverySetting_Parsed()
    {
        var options = From(
            ("CERTMESH_DNS01_RECURSIVE_NAMESERVERS", "127.0.0.1:5354, 10.0.0.53 ,[::1]:53"),
            ("CERTMESH_DNS01_RECURSIVE_NAMESERVERS_ONLY", "true"),
            ("CERTMESH_DNS01_NAMESERVER_PORT", "5354"),
            ("CERTMESH_DNS01_WEBHOOK_TIMEOUT", "5s"));

        Assert.Equal([IPEndPoint.Parse("127.0.0.1:5354"), IPEndPoint.Parse("10.0.0.53:53"), IPEndPoint.Parse("[::1]:53")], options.RecursiveNameservers);
        Assert.Equal((true, 5354, TimeSpan.FromSeconds(5)), (options.RecursiveNameserversOnly, options.NameserverPort, options.WebhookTimeout));
    }

    [Theory]
    [InlineData("CERTMESH_DNS01_RECURSIVE_NAMESERVERS", "ns1.example.test:53", "CERTMESH_DNS01_RECURSIVE_NAMESERVERS: \"ns1.example.test:53\" is not an IP address with an optional port (e.g. 127.0.0.1:5354 or [::1]:53)")]
    [InlineData("CERTMESH_DNS01_RECURSIVE_NAMESERVERS", " , ", "CERTMESH_DNS01_RECURSIVE_NAMESERVERS: \" , \" names no nameserver")]
    [InlineData("CERTMESH_DNS01_NAMESERVER_PORT", "70000", "CERTMESH_DNS01_NAMESERVER_PORT: \"70000\" is not a port (1-65535)")]
    [InlineData("CERTMESH_DNS01_RECURSIVE_NAMESERVERS_ONLY", "1", "CERTMESH_DNS01_RECURSIVE_NAMESERVERS_ONLY: \"1\" is not true or false")]
    public void From_BadValue_ThrowsNamingTheVariable(string name, string value, string message) =>
        Assert.Equal(message, Assert.Throws<InvalidOperationException>(() => From((name, value))).Message);

    [Theory]
    [InlineData("""{"dns01":{"cnameStrategy":"Follow","rfc2136":{}}}""", true)]
    [InlineData("""{"dns01":{"cnameStrategy":"None"}}""", false)]
    [InlineData("""{"dns01":{}}""", false)]
    [InlineData("""{"http01":{"ingress":{}}}""", false)]
    public void FollowsCnames_SolverEntry_OnlyWhenFollow(string solver, bool expected) =>
        Assert.Equal(expected, Dns01Locator.FollowsCnames(JsonDocument.Parse(solver).RootElement));
}
