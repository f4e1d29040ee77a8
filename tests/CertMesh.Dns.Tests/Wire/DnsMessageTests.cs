using System.Net;
using CertMesh.Dns.Wire;

namespace CertMesh.Dns.Tests.Wire;

public class DnsMessageTests
{
    [Fact]
    public void Parse_CompressedNames_FollowsPointers()
    {
        var b = new ResponseBuilder().Header(0x1234, 0x8580, 1, 2, 0, 0);
        var zone = b.Offset;
        b.Label("example").Label("test").U8(0).U16(2).U16(1);
        // NS example.test -> ns1.example.test, both names compressed.
        b.Pointer(zone).U16(2).U16(1).U32(3600).U16(6).Label("ns1").Pointer(zone);
        var ns1 = b.Offset - 6;
        // A for ns1.example.test, owner name entirely a pointer into the previous RDATA.
        b.Pointer(ns1).U16(1).U16(1).U32(60).U16(4).U8(127, 0, 0, 1);

        var message = DnsMessage.Parse(b.ToArray());

        Assert.Equal(0x1234, message.Id);
        Assert.True(message.IsResponse);
        Assert.True(message.Authoritative);
        Assert.Equal(DnsRcode.NoError, message.Rcode);
        Assert.Equal(new DnsQuestion("example.test", DnsType.NS, DnsClass.IN), message.Questions.Single());
        Assert.Equal(new NameRecordData("ns1.example.test"), message.Answers[0].Data);
        Assert.Equal("ns1.example.test", message.Answers[1].Name);
        Assert.Equal(IPAddress.Loopback, ((AddressRecordData)message.Answers[1].Data).Address);
    }

    [Fact]
    public void Parse_TxtWithTwoStrings_KeepsBothStrings()
    {
        var b = new ResponseBuilder().Header(1, 0x8400, 0, 1, 0, 0)
            .Label("_acme-challenge").Label("example").Label("test").U8(0)
            .U16(16).U16(1).U32(120).U16(10).Label("abcd").Label("efgh");

        var txt = (TxtRecordData)DnsMessage.Parse(b.ToArray()).Answers.Single().Data;

        Assert.Equal(["abcd", "efgh"], txt.Strings);
        Assert.Equal("abcdefgh", txt.Text);
    }

    [Fact]
    public void Parse_SoaInAuthority_DecodesAllFields()
    {
        var b = new ResponseBuilder().Header(7, 0x8403, 0, 0, 1, 0);
        var zone = b.Offset;
        b.Label("example").Label("test").U8(0).U16(6).U16(1).U32(300).U16(2 + 13 + 20)
            .Pointer(zone) // mname is the zone itself: 2 bytes
            .Label("hostmaster").Pointer(zone) // 1 + 10 + 2 = 13 bytes
            .U32(2026112201).U32(3600).U32(600).U32(86400).U32(60);

        var message = DnsMessage.Parse(b.ToArray());

        Assert.Equal(DnsRcode.NXDomain, message.Rcode);
        Assert.Equal(new SoaRecordData("example.test", "hostmaster.example.test", 2026112201, 3600, 600, 86400, 60),
            message.Authorities.Single().Data);
    }

    [Fact]
    public void Parse_UnknownType_KeepsRawData()
    {
        var b = new ResponseBuilder().Header(1, 0x8000, 0, 1, 0, 0).U8(0).U16(99).U16(1).U32(0).U16(3).U8(1, 2, 3);

        var record = DnsMessage.Parse(b.ToArray()).Answers.Single();

        Assert.Equal((DnsType)99, record.Type);
        Assert.Equal([1, 2, 3], ((RawRecordData)record.Data).Data);
    }

    [Fact]
    public void Parse_PointerLoop_ThrowsFormatException()
    {
        var b = new ResponseBuilder().Header(1, 0x8000, 1, 0, 0, 0).Pointer(12).U16(1).U16(1);

        Assert.Throws<DnsFormatException>(() => DnsMessage.Parse(b.ToArray()));
    }

    [Fact]
    public void Parse_TruncatedRecord_ThrowsFormatException()
    {
        var b = new ResponseBuilder().Header(1, 0x8000, 0, 1, 0, 0).U8(0).U16(1).U16(1).U32(0).U16(4).U8(127);

        Assert.Throws<DnsFormatException>(() => DnsMessage.Parse(b.ToArray()));
    }
}
