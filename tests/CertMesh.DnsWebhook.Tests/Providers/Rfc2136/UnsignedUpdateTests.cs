using CertMesh.Dns.Wire;
using CertMesh.DnsWebhook.Providers.Rfc2136;

namespace CertMesh.DnsWebhook.Tests.Providers.Rfc2136;

public class UnsignedUpdateTests
{
    [Fact]
    public void Encode_AddTxt_IsAnUpdateWithZoneAndOneRecord()
    {
        var bytes = UnsignedUpdate.Encode("example.test.", "_acme-challenge.www.example.test.", "token", DnsClass.IN, 60);

        // An update parses as a message whose question is the zone and whose authority section holds the updates.
        var message = DnsMessage.Parse(bytes);
        Assert.Equal(5, message.Opcode);
        Assert.False(message.IsResponse);
        Assert.Equal(new DnsQuestion("example.test", DnsType.SOA, DnsClass.IN), Assert.Single(message.Questions));
        var update = Assert.Single(message.Authorities);
        Assert.Equal("_acme-challenge.www.example.test", update.Name);
        Assert.Equal(DnsType.TXT, update.Type);
        Assert.Equal(DnsClass.IN, update.Class);
        Assert.Equal(60u, update.Ttl);
        Assert.Equal("token", ((TxtRecordData)update.Data).Text);
        Assert.Empty(message.Additionals);
    }

    [Fact]
    public void Encode_RemoveLongValue_ClassNoneAndSplitIntoCharacterStrings()
    {
        var value = new string('v', 300);

        var update = Assert.Single(DnsMessage.Parse(UnsignedUpdate.Encode("example.test", "_acme-challenge.example.test", value, DnsClass.NONE, 0)).Authorities);

        Assert.Equal(DnsClass.NONE, update.Class);
        Assert.Equal(0u, update.Ttl);
        var txt = (TxtRecordData)update.Data;
        Assert.Equal([255, 45], txt.Strings.Select(s => s.Length));
        Assert.Equal(value, txt.Text);
    }
}
