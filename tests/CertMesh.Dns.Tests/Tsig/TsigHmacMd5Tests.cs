using System.Text;
using CertMesh.Dns.Tsig;
using CertMesh.Dns.Wire;

namespace CertMesh.Dns.Tests.Tsig;

/// <summary>hmac-md5, cert-manager's default rfc2136 algorithm, checked against answers from independent implementations.</summary>
public class TsigHmacMd5Tests
{
    // Captured from BIND 9's nsupdate (a UDP listener in place of the server):
    //   nsupdate -y hmac-md5:certmesh-md5:AAECAwQFBgcICQoLDA0ODw==
    //   server 127.0.0.1 <port> / zone example.test / update add _acme-challenge.md5.example.test. 60 TXT "known-answer" / send
    const string NsupdateSigned =
        "a0e028000001000000010001076578616d706c65047465737400000600010f5f61636d652d6368616c6c656e6765036d6435076578616d706c" +
        "65047465737400001000010000003c000d0c6b6e6f776e2d616e737765720c636572746d6573682d6d64350000fa00ff00000000003a0868" +
        "6d61632d6d6435077369672d616c670372656703696e740000006b02fe50012c0010f84fcad10322ec4dac57cebe122370cda0e000000000";

    static readonly byte[] Secret = Enumerable.Range(0, 16).Select(i => (byte)i).ToArray();

    [Fact]
    public void Sign_UpdateNsupdateSigned_ProducesNsupdatesBytes()
    {
        var captured = Convert.FromHexString(NsupdateSigned);
        var unsigned = captured[..DnsMessage.Parse(captured).TsigOffset!.Value];
        unsigned[11] = 0; // ARCOUNT without the TSIG record
        var signedAt = DateTimeOffset.FromUnixTimeSeconds(0x6b02fe50);
        var key = TsigKey.FromBase64("certmesh-md5", "hmac-md5", Convert.ToBase64String(Secret));

        var (signed, mac) = TsigSigner.Sign(unsigned, key, signedAt);

        Assert.Equal("F84FCAD10322EC4DAC57CEBE122370CD", Convert.ToHexString(mac));
        Assert.Equal(NsupdateSigned, Convert.ToHexString(signed).ToLowerInvariant());
    }

    [Fact]
    public void Parse_NsupdateCapture_ReadsLongAlgorithmName()
    {
        var message = DnsMessage.Parse(Convert.FromHexString(NsupdateSigned));

        var tsig = Assert.IsType<TsigRecordData>(message.Tsig!.Data);
        Assert.Equal("hmac-md5.sig-alg.reg.int", tsig.Algorithm.TrimEnd('.'));
    }

    [Fact]
    public void Compute_HmacMd5Rfc2202Case2_MatchesPublishedDigest()
    {
        var mac = TsigAlgorithm.HmacMd5.Compute(Encoding.ASCII.GetBytes("Jefe"), Encoding.ASCII.GetBytes("what do ya want for nothing?"));

        Assert.Equal("750C783E6AB0B503EAA86E310A5DB738", Convert.ToHexString(mac));
    }

    [Fact]
    public void WireName_HmacMd5_IsTheRfc8945LongName() =>
        Assert.Equal("hmac-md5.sig-alg.reg.int", TsigAlgorithm.HmacMd5.WireName());

    [Theory]
    [InlineData("HMACMD5", TsigAlgorithm.HmacMd5)]
    [InlineData("hmac-md5", TsigAlgorithm.HmacMd5)]
    [InlineData("HmacMD5", TsigAlgorithm.HmacMd5)]
    [InlineData("hmac-md5.sig-alg.reg.int.", TsigAlgorithm.HmacMd5)]
    [InlineData("HMAC-MD5.SIG-ALG.REG.INT", TsigAlgorithm.HmacMd5)]
    [InlineData("HMACSHA1", TsigAlgorithm.HmacSha1)]
    [InlineData("hmac-sha256", TsigAlgorithm.HmacSha256)]
    [InlineData(" HMACSHA512 ", TsigAlgorithm.HmacSha512)]
    public void FromBase64_CertManagerOrBindName_ParsesAlgorithm(string name, TsigAlgorithm expected) =>
        Assert.Equal(expected, TsigKey.FromBase64("k", name, Convert.ToBase64String(Secret)).Algorithm);

    [Theory]
    [InlineData("hmac-sha384")]
    [InlineData("md5")]
    [InlineData("")]
    public void FromBase64_UnknownAlgorithm_ThrowsListingSupportedNames(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => TsigKey.FromBase64("k", name, Convert.ToBase64String(Secret)));

        Assert.Contains("hmac-md5", error.Message);
    }

    [Fact]
    public void ToString_Md5Key_NamesAlgorithmNotSecret()
    {
        var key = new TsigKey("certmesh-md5", TsigAlgorithm.HmacMd5, Secret);

        Assert.Equal("TSIG key certmesh-md5 (hmac-md5.sig-alg.reg.int)", key.ToString());
    }
}
