using System.Text.Json;
using CertMesh.Cli.Output;
using Xunit;

namespace CertMesh.Cli.Tests.Output;

public sealed class YamlTextTests
{
    [Theory]
    [InlineData("alice", "alice")]
    [InlineData("alice (token laptop)", "alice (token laptop)")]
    [InlineData("", "\"\"")]
    [InlineData("true", "\"true\"")]
    [InlineData("No", "\"No\"")]
    [InlineData("null", "\"null\"")]
    [InlineData("42", "\"42\"")]
    [InlineData("1e3", "\"1e3\"")]
    [InlineData("- dash", "\"- dash\"")]
    [InlineData("a: b", "\"a: b\"")]
    [InlineData("x # y", "\"x # y\"")]
    [InlineData("trailing ", "\"trailing \"")]
    [InlineData("line\nbreak", "\"line\\nbreak\"")]
    [InlineData("*", "\"*\"")]
    public void Scalar_QuotesWhatYamlCouldReadAsSomethingElse(string value, string expected) =>
        Assert.Equal(expected, YamlText.Scalar(value));

    [Fact]
    public void From_NestedValues_IndentLikeKubectl()
    {
        using var json = JsonDocument.Parse("""
            {"principal":"ci","token":null,"roles":[{"role":"edit","namespace":"shop"}],"empty":[],"obj":{"a":1,"b":[true,"x"]}}
            """);

        Assert.Equal("""
            principal: ci
            token: null
            roles:
            - role: edit
              namespace: shop
            empty: []
            obj:
              a: 1
              b:
              - true
              - x

            """, YamlText.From(json.RootElement));
    }
}
