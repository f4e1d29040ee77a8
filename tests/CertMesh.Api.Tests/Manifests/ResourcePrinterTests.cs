using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CertMesh.Api.Manifests;
using CertMesh.Contracts;
using CertMesh.Domain.Resources;
using Xunit;

namespace CertMesh.Api.Tests.Manifests;

public sealed class ResourcePrinterTests
{
    private static readonly DateTimeOffset Created = new(2024, 5, 1, 10, 0, 0, 123, TimeSpan.Zero);

    private static ObjectMeta Meta(string ns, string name) => new()
    {
        Namespace = ns,
        Name = name,
        Uid = Guid.Parse("6f1c1a52-7d3e-4c59-9a57-3f0e1e2a8b10"),
        Generation = 2,
        ResourceVersion = 42,
        CreationTimestamp = Created,
        Labels = new Dictionary<string, string> { ["app"] = "web" },
    };

    private static Certificate SampleCertificate() => new()
    {
        Metadata = Meta("shop", "web"),
        Spec = new CertificateSpec
        {
            SecretName = "web-tls",
            IssuerRef = new IssuerReference { Name = "ca", Kind = "Issuer" },
            DnsNames = ["web.example.com", "*.web.example.com"],
            Duration = "2160h",
            PrivateKey = new CertificatePrivateKey { Algorithm = "ECDSA", Size = 256 },
        },
        Status = new CertificateStatus
        {
            Conditions = [new Condition { Type = "Ready", Status = "True", Reason = "Ready", Message = "Certificate is up to date and has not expired", LastTransitionTime = Created.AddMinutes(1), ObservedGeneration = 2 }],
            NotAfter = Created.AddDays(90),
            Revision = 1,
            IssuingId = Guid.NewGuid(),
            IssuedSpecHash = "abc",
        },
        SuppliedCsr = "-----BEGIN CERTIFICATE REQUEST-----",
    };

    [Fact]
    public void ToJson_Certificate_PrintsAsKubectl()
    {
        var json = ResourcePrinter.ToJson(SampleCertificate());

        var expected = """
            {"apiVersion":"cert-manager.io/v1","kind":"Certificate",
             "metadata":{"namespace":"shop","name":"web","uid":"6f1c1a52-7d3e-4c59-9a57-3f0e1e2a8b10","generation":2,
                         "resourceVersion":"42","creationTimestamp":"2024-05-01T10:00:00Z","labels":{"app":"web"}},
             "spec":{"secretName":"web-tls","issuerRef":{"name":"ca","kind":"Issuer"},"dnsNames":["web.example.com","*.web.example.com"],
                     "duration":"2160h","privateKey":{"algorithm":"ECDSA","size":256}},
             "status":{"conditions":[{"type":"Ready","status":"True","reason":"Ready","message":"Certificate is up to date and has not expired",
                                      "lastTransitionTime":"2024-05-01T10:01:00Z","observedGeneration":2}],
                       "notAfter":"2024-07-30T10:00:00Z","revision":1}}
            """;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), json), json.ToJsonString());
    }

    [Fact]
    public void ToJson_Certificate_KeepsIsCaWhenTrueAndIssuingRevision()
    {
        var certificate = SampleCertificate() with
        {
            Spec = SampleCertificate().Spec with { IsCA = true },
            Status = new CertificateStatus { IssuingRevision = 3 },
        };

        var json = ResourcePrinter.ToJson(certificate);

        Assert.True((bool)json["spec"]!["isCA"]!);
        Assert.Equal(3, (int)json["status"]!["issuingRevision"]!);
        Assert.Null(json["status"]!["conditions"]);
    }

    [Fact]
    public void ToJson_ClusterIssuer_HasNoNamespaceAndEmptySelfSigned()
    {
        var issuer = new Issuer { Kind = ResourceKinds.ClusterIssuer, Metadata = Meta("", "root"), Spec = new IssuerSpec { SelfSigned = new SelfSignedIssuer() } };

        var json = ResourcePrinter.ToJson(issuer);

        Assert.Equal("ClusterIssuer", (string?)json["kind"]);
        Assert.False(json["metadata"]!.AsObject().ContainsKey("namespace"));
        Assert.Equal("{}", json["spec"]!["selfSigned"]!.ToJsonString());
        Assert.Equal("{}", json["status"]!.ToJsonString());
    }

    [Fact]
    public void ToJson_AcmeIssuer_KeepsBlockVerbatim()
    {
        var issuer = ((IssuerManifest)ManifestReader.Read(SeedManifests.AcmeDnsPod).Documents[0]).Issuer;

        var json = ResourcePrinter.ToJson(issuer);

        Assert.Null(json["metadata"]!["namespace"]);
        Assert.Equal(600, (int)json["spec"]!["acme"]!["solvers"]![0]!["dns01"]!["webhook"]!["config"]!["ttl"]!);
    }

    [Fact]
    public void ToJson_CertificateRequest_Base64EncodesPem()
    {
        var request = new CertificateRequest
        {
            Metadata = Meta("shop", "web-1"),
            Spec = new CertificateRequestSpec { Request = "CSR PEM", IssuerRef = new IssuerReference { Name = "ca" }, Usages = ["digital signature"] },
            Status = new CertificateRequestStatus
            {
                Conditions = [new Condition { Type = "Approved", Status = "True", Reason = "cert-manager.io", LastTransitionTime = Created }],
                Certificate = "CERT PEM",
            },
        };

        var json = ResourcePrinter.ToJson(request);

        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes("CSR PEM")), (string?)json["spec"]!["request"]);
        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes("CERT PEM")), (string?)json["status"]!["certificate"]);
        Assert.Null(json["status"]!["ca"]);
        Assert.False(json["spec"]!.AsObject().ContainsKey("isCA"));
    }

    [Fact]
    public void ToJson_Secret_IsCoreV1WithBase64Data()
    {
        var secret = new Secret
        {
            Metadata = Meta("shop", "web-tls") with { Generation = 0 },
            Data = new Dictionary<string, byte[]> { ["tls.key"] = [1, 2, 3], ["tls.crt"] = [4, 5] },
        };

        var json = ResourcePrinter.ToJson(secret);

        var expected = """
            {"apiVersion":"v1","kind":"Secret",
             "metadata":{"namespace":"shop","name":"web-tls","uid":"6f1c1a52-7d3e-4c59-9a57-3f0e1e2a8b10","resourceVersion":"42",
                         "creationTimestamp":"2024-05-01T10:00:00Z","labels":{"app":"web"}},
             "type":"kubernetes.io/tls","data":{"tls.crt":"BAU=","tls.key":"AQID"}}
            """;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), json), json.ToJsonString());
    }

    private static Challenge Dns01Challenge(string? resolvedFqdn, string? resolvedZone) => new()
    {
        Metadata = Meta("shop", "web-1-42-7"),
        Spec = new ChallengeSpec { Type = "DNS-01", DnsName = "example.test", Key = "txt-value", OrderName = "web-1-42", OrderId = Guid.NewGuid() },
        Status = new ChallengeStatus { State = "pending", Presented = true, ResolvedFqdn = resolvedFqdn, ResolvedZone = resolvedZone },
    };

    [Fact]
    public void ToJson_Dns01Challenge_PrintsResolvedRecordInStatusAndYaml()
    {
        var json = ResourcePrinter.ToJson(Dns01Challenge("_acme-challenge.example.test.", "example.test."));
        var yaml = ResourcePrinter.ToYaml(json);

        Assert.Equal("_acme-challenge.example.test.", (string?)json["status"]!["resolvedFqdn"]);
        Assert.Equal("example.test.", (string?)json["status"]!["resolvedZone"]);
        Assert.False(json["spec"]!.AsObject().ContainsKey("orderId"));
        Assert.Contains("\n  resolvedFqdn: _acme-challenge.example.test.\n", yaml);
        Assert.Contains("\n  resolvedZone: example.test.\n", yaml);
    }

    [Fact]
    public void ToJson_ChallengeNotYetResolved_OmitsResolvedRecord()
    {
        var status = ResourcePrinter.ToJson(Dns01Challenge(null, null))["status"]!.AsObject();

        Assert.False(status.ContainsKey("resolvedFqdn"));
        Assert.False(status.ContainsKey("resolvedZone"));
    }

    [Fact]
    public void List_WrapsItemsAsKubectlList()
    {
        var item = ResourcePrinter.ToJson(SampleCertificate());

        var list = ResourcePrinter.List([item, item]);

        Assert.Equal("v1", (string?)list["apiVersion"]);
        Assert.Equal("List", (string?)list["kind"]);
        Assert.Equal(2, list["items"]!.AsArray().Count);
    }

    [Fact]
    public void ToJsonText_IndentsByFourSpaces()
    {
        var text = ResourcePrinter.ToJsonText(new JsonObject { ["a"] = new JsonObject { ["b"] = "+<>" } });

        Assert.Equal("{\n    \"a\": {\n        \"b\": \"+<>\"\n    }\n}", text.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void ToYaml_Certificate_ReadsBackToTheSameSpec()
    {
        var command = ((CertificateManifest)ManifestReader.Read(SeedManifests.FullCertificate).Documents[0]).Command;
        var certificate = SampleCertificate() with
        {
            Metadata = Meta(command.Namespace, command.Name) with { Labels = command.Labels, Annotations = command.Annotations },
            Spec = command.Spec,
        };

        var yaml = ResourcePrinter.ToYaml(ResourcePrinter.ToJson(certificate));
        var reread = ManifestReader.Read(yaml);

        Assert.True(reread.IsValid, string.Join("\n", reread.Errors) + "\n" + yaml);
        var again = ((CertificateManifest)reread.Documents[0]).Command;
        Assert.Equal(JsonSerializer.Serialize(command), JsonSerializer.Serialize(again));
    }

    [Fact]
    public void ToYaml_List_ReadsBackItemByItem()
    {
        var issuer = new Issuer { Metadata = Meta("shop", "ca"), Spec = new IssuerSpec { Ca = new CaIssuer { SecretName = "root-tls" } } };
        var list = ResourcePrinter.List([ResourcePrinter.ToJson(SampleCertificate()), ResourcePrinter.ToJson(issuer)]);

        var reread = ManifestReader.Read(ResourcePrinter.ToYaml(list));

        Assert.True(reread.IsValid, string.Join("\n", reread.Errors));
        Assert.Equal(["Certificate", "Issuer"], reread.Documents.Select(d => d.Kind));
    }
}
