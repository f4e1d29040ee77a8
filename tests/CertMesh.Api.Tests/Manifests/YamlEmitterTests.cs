using System.Text.Json.Nodes;
using CertMesh.Api.Manifests;
using Xunit;

namespace CertMesh.Api.Tests.Manifests;

public sealed class YamlEmitterTests
{
    [Fact]
    public void ToYaml_Issuer_LaysOutAsKubectl()
    {
        var json = JsonNode.Parse("""
            {"apiVersion":"cert-manager.io/v1","kind":"Issuer",
             "metadata":{"name":"ca","labels":{"app.kubernetes.io/name":"web"}},
             "spec":{"selfSigned":{},"list":[],"dnsNames":["*.example.com","a.example.com"]},
             "status":{"conditions":[{"type":"Ready","status":"True","observedGeneration":1,"lastTransitionTime":"2024-05-01T10:00:00Z"}]}}
            """)!;

        var yaml = ResourcePrinter.ToYaml(json);

        Assert.Equal("""
            apiVersion: cert-manager.io/v1
            kind: Issuer
            metadata:
              name: ca
              labels:
                app.kubernetes.io/name: web
            spec:
              selfSigned: {}
              list: []
              dnsNames:
              - "*.example.com"
              - a.example.com
            status:
              conditions:
              - type: Ready
                status: "True"
                observedGeneration: 1
                lastTransitionTime: "2024-05-01T10:00:00Z"

            """.ReplaceLineEndings("\n"), yaml);
    }

    [Theory]
    [InlineData("2160h", false)]
    [InlineData("web.example.com", false)]
    [InlineData("digital signature", false)]
    [InlineData("https://acme.example/dir", false)]
    [InlineData("", true)]
    [InlineData("True", true)]
    [InlineData("yes", true)]
    [InlineData("null", true)]
    [InlineData("~", true)]
    [InlineData("2048", true)]
    [InlineData("1.5", true)]
    [InlineData("0x1F", true)]
    [InlineData("1_000", true)]
    [InlineData("2024-05-01", true)]
    [InlineData("*.example.com", true)]
    [InlineData("- item", true)]
    [InlineData("a: b", true)]
    [InlineData("a #b", true)]
    [InlineData(" padded", true)]
    [InlineData("line\nbreak", true)]
    public void ToYaml_String_QuotedOnlyWhenPlainWouldReadDifferently(string text, bool quoted)
    {
        var yaml = ResourcePrinter.ToYaml(new JsonObject { ["k"] = text });

        Assert.Equal(quoted, yaml.StartsWith("k: \"", StringComparison.Ordinal));
    }

    [Fact]
    public void ToYaml_AnyJson_ReadsBackUnchanged()
    {
        // A webhook solver's config goes through the reader verbatim, so it shows the emitter round-trips every JSON shape.
        var config = JsonNode.Parse("""
            {"email":"","strings":["true","123","1.5","a: b","#c","- d","*.e","line\nbreak","ünï €","'q'","\"dq\"","null","~","  x  "],
             "numbers":[0,-3,1.5,12345678901],"flags":[true,false],"nothing":null,"empty":{},"none":[],
             "nested":[[1,[2]],[],{"a":[{"b":{}}]}]}
            """)!;
        var acme = new JsonObject
        {
            ["server"] = "https://acme.example/dir",
            ["solvers"] = new JsonArray(new JsonObject
            {
                ["dns01"] = new JsonObject { ["webhook"] = new JsonObject { ["groupName"] = "acme.example", ["solverName"] = "x", ["config"] = config.DeepClone() } },
            }),
        };
        var issuer = new JsonObject
        {
            ["apiVersion"] = "cert-manager.io/v1",
            ["kind"] = "Issuer",
            ["metadata"] = new JsonObject { ["name"] = "acme" },
            ["spec"] = new JsonObject { ["acme"] = acme.DeepClone() },
        };

        var yaml = ResourcePrinter.ToYaml(issuer);
        var reread = ManifestReader.Read(yaml);

        Assert.True(reread.IsValid, string.Join("\n", reread.Errors) + "\n" + yaml);
        var kept = ((IssuerManifest)reread.Documents[0]).Issuer.Spec.Acme!.Value;
        Assert.True(JsonNode.DeepEquals(acme, JsonNode.Parse(kept.GetRawText())), yaml);
    }

    [Fact]
    public void ToYaml_ScalarRoot_IsOneLine()
    {
        Assert.Equal("\"True\"\n", ResourcePrinter.ToYaml(JsonValue.Create("True")));
        Assert.Equal("{}\n", ResourcePrinter.ToYaml(new JsonObject()));
    }
}
