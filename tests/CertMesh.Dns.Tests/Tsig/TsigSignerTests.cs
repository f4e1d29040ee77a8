using System.Security.Cryptography;
using System.Text;
using CertMesh.Dns.Tsig;
using CertMesh.Dns.Wire;

namespace CertMesh.Dns.Tests.Tsig;

public class TsigSignerTests
{
    static readonly byte[] Secret = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
    static readonly DateTimeOffset SignedAt = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    [Fact]
    public void Sign_FixedMessage_MacMatchesHandBuiltDigest()
    {
        var message = DnsQuery.Encode(0x1234, "example.test", DnsType.SOA, recursionDesired: false);
        var key = new TsigKey("CertMesh-Key.", TsigAlgorithm.HmacSha256, Secret);

        var (signed, mac) = TsigSigner.Sign(message, key, SignedAt);

        // RFC 8945 §4.3.3: message, then key name (lower case), class ANY, TTL 0, algorithm, time (48 bit), fudge, error, other len.
        byte[] variables =
        [
            .. Name("certmesh-key"), 0x00, 0xFF, 0, 0, 0, 0, .. Name("hmac-sha256"),
            0x00, 0x00, 0x65, 0x53, 0xF1, 0x00, 0x01, 0x2C, 0, 0, 0, 0,
        ];
        var expected = HMACSHA256.HashData(Secret, (byte[])[.. message, .. variables]);
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(mac));

        var parsed = DnsMessage.Parse(signed);
        var tsig = (TsigRecordData)parsed.Tsig!.Data;
        Assert.Equal("certmesh-key", parsed.Tsig.Name);
        Assert.Equal(DnsClass.ANY, parsed.Tsig.Class);
        Assert.Equal("hmac-sha256", tsig.Algorithm);
        Assert.Equal(1_700_000_000UL, tsig.TimeSigned);
        Assert.Equal(0x1234, tsig.OriginalId);
        Assert.Equal(mac, tsig.Mac);
        Assert.Equal(signed[..message.Length][..10], message[..10]);
    }

    [Fact]
    public void Verify_UnsignedResponse_ReportsMissingSignature()
    {
        var response = DnsQuery.Encode(1, "example.test", DnsType.SOA, false);
        var key = new TsigKey("certmesh-key", TsigAlgorithm.HmacSha256, Secret);

        var problem = TsigSigner.Verify(response, DnsMessage.Parse(response), key, [1, 2, 3], SignedAt);

        Assert.Equal("the response is not signed", problem);
    }

    [Fact]
    public void Verify_TamperedMessage_ReportsBadSig()
    {
        var key = new TsigKey("certmesh-key", TsigAlgorithm.HmacSha256, Secret);
        var (signed, _) = TsigSigner.Sign(DnsQuery.Encode(1, "example.test", DnsType.SOA, false), key, SignedAt);

        // The request's own MAC is not chained to any earlier one, so any "request MAC" makes it mismatch.
        var problem = TsigSigner.Verify(signed, DnsMessage.Parse(signed), key, [9], SignedAt);

        Assert.Contains("BADSIG", problem);
    }

    [Theory]
    [InlineData("hmac-sha256", TsigAlgorithm.HmacSha256)]
    [InlineData("HMACSHA512", TsigAlgorithm.HmacSha512)]
    [InlineData("hmac-sha1.", TsigAlgorithm.HmacSha1)]
    public void FromBase64_KnownAlgorithmName_ParsesAlgorithm(string name, TsigAlgorithm expected) =>
        Assert.Equal(expected, TsigKey.FromBase64("k", name, Convert.ToBase64String(Secret)).Algorithm);

    [Fact]
    public void ToString_Key_OmitsSecret()
    {
        var base64 = Convert.ToBase64String(Secret);
        var key = TsigKey.FromBase64("certmesh-key", "hmac-sha256", base64);

        Assert.Equal("TSIG key certmesh-key (hmac-sha256)", key.ToString());
        Assert.DoesNotContain(base64, key.ToString());
    }

    static byte[] Name(string name) =>
        [.. name.Split('.').SelectMany(l => (byte[])[(byte)l.Length, .. Encoding.ASCII.GetBytes(l)]), 0];
}
