using CertMesh.Hosting.Metrics;

namespace CertMesh.Persistence.Tests.Metrics;

public sealed class MetricTextTests
{
    static string Written(Action<MetricText> write)
    {
        var writer = new StringWriter();
        write(new MetricText(writer));
        return writer.ToString();
    }

    [Fact]
    public void Labels_ValueWithQuoteBackslashAndNewline_EscapedAsTheFormatRequires()
    {
        var labels = MetricText.Labels(("reason", "say \"hi\"\\now\nend"), ("name", "a"));

        Assert.Equal("reason=\"say \\\"hi\\\"\\\\now\\nend\",name=\"a\"", labels);
    }

    [Fact]
    public void Sample_WholeNumber_WrittenWithoutExponent()
    {
        var text = Written(t => t.Sample("x", "", 1773579979));

        Assert.Equal("x 1773579979\n", text);
    }

    [Fact]
    public void Sample_Fraction_WrittenRoundTrip()
    {
        Assert.Equal("x 0.25\n", Written(t => t.Sample("x", "", 0.25)));
        Assert.Equal("x NaN\n", Written(t => t.Sample("x", "", double.NaN)));
        Assert.Equal("x +Inf\n", Written(t => t.Sample("x", "", double.PositiveInfinity)));
    }

    [Fact]
    public void Sample_LabelParts_JoinedInOrderSkippingEmptyOnes()
    {
        var text = Written(t => t.Sample("ready", "name=\"c\"", "condition=\"True\"", "", 1));

        Assert.Equal("ready{name=\"c\",condition=\"True\"} 1\n", text);
    }

    [Fact]
    public void Family_WritesHelpThenType()
    {
        var text = Written(t => t.Family("certmanager_certificate_ready_status", "gauge", "The ready status of the certificate."));

        Assert.Equal("# HELP certmanager_certificate_ready_status The ready status of the certificate.\n# TYPE certmanager_certificate_ready_status gauge\n", text);
    }
}
