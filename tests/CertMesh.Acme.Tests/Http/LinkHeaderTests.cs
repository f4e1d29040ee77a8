using CertMesh.Acme.Http;

namespace CertMesh.Acme.Tests.Http;

public sealed class LinkHeaderTests
{
    private static readonly Uri Base = new("https://ca.test/acme/cert/abc");

    [Fact]
    public void Parse_SeveralLinksInSeveralHeaders_ReturnsEachResolved()
    {
        IReadOnlyList<LinkHeader> links = LinkHeader.Parse(
            ["<https://ca.test/acme/cert/abc/1>;rel=\"alternate\", </acme/cert/abc/2>; rel=\"alternate\"", "<https://ca.test/dir>;rel=\"index\""],
            Base);

        Assert.Equal(
            [("https://ca.test/acme/cert/abc/1", "alternate"), ("https://ca.test/acme/cert/abc/2", "alternate"), ("https://ca.test/dir", "index")],
            links.Select(l => (l.Target.AbsoluteUri, l.Relation)));
    }

    [Fact]
    public void Parse_CommaInsideUrl_DoesNotSplitTheLink()
    {
        LinkHeader link = Assert.Single(LinkHeader.Parse(["<https://ca.test/a,b>;rel=up"], Base));

        Assert.Equal("https://ca.test/a,b", link.Target.AbsoluteUri);
        Assert.Equal("up", link.Relation);
    }

    [Fact]
    public void Parse_Malformed_IsSkipped() =>
        Assert.Empty(LinkHeader.Parse(["garbage", "<https://ca.test/x>"], Base));
}
