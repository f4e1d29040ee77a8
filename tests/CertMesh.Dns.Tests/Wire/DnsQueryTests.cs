using CertMesh.Dns.Wire;

namespace CertMesh.Dns.Tests.Wire;

public class DnsQueryTests
{
    [Fact]
    public void Encode_SoaQuestion_ProducesRfc1035Bytes()
    {
        var bytes = DnsQuery.Encode(0xBEEF, "example.test", DnsType.SOA, recursionDesired: true);

        byte[] expected =
        [
            0xBE, 0xEF, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0,
            7, (byte)'e', (byte)'x', (byte)'a', (byte)'m', (byte)'p', (byte)'l', (byte)'e',
            4, (byte)'t', (byte)'e', (byte)'s', (byte)'t', 0,
            0, 6, 0, 1,
        ];
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void Encode_NoRecursion_ClearsRdFlag()
    {
        var bytes = DnsQuery.Encode(1, "example.test.", DnsType.TXT, recursionDesired: false);

        Assert.Equal(0, bytes[2]);
        Assert.Equal(DnsMessage.Parse(bytes).Questions.Single(), new DnsQuestion("example.test", DnsType.TXT, DnsClass.IN));
    }

    [Theory]
    [InlineData("a..b")]
    [InlineData("this-label-is-far-too-long-for-dns-because-it-has-more-than-63-characters.test")]
    public void Encode_InvalidName_Throws(string name) =>
        Assert.Throws<ArgumentException>(() => DnsQuery.Encode(1, name, DnsType.A, true));
}
