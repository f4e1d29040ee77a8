using System.Net;
using CertMesh.Dns.Zones;

namespace CertMesh.Dns.Tests.Zones;

public class ResolvConfTests
{
    [Fact]
    public void Parse_TypicalFile_NameserversInOrderOnPort53()
    {
        string[] lines =
        [
            "# generated",
            "search example.test",
            "nameserver 10.0.0.53",
            "nameserver\t2001:db8::53",
            "options ndots:5",
            "nameserver not-an-address",
        ];

        var servers = ResolvConf.Parse(lines);

        Assert.Equal([new IPEndPoint(IPAddress.Parse("10.0.0.53"), 53), new IPEndPoint(IPAddress.Parse("2001:db8::53"), 53)], servers);
    }

    [Fact]
    public void Nameservers_MissingFile_Empty() =>
        Assert.Empty(ResolvConf.Nameservers(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"))));
}
