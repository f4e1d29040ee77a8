using CertMesh.Api.Manifests;
using Xunit;

namespace CertMesh.Api.Tests.Manifests;

public sealed class ManifestReaderErrorTests
{
    private const string Header = """
        apiVersion: cert-manager.io/v1
        kind: Certificate
        metadata:
          name: web
        """;

    private static string CertificateWith(string specLines) =>
        Header + "\nspec:\n  secretName: web-tls\n  issuerRef:\n    name: ca\n" + specLines;

    private static ManifestError SingleError(string yaml)
    {
        var result = ManifestReader.Read(yaml);
        Assert.False(result.IsValid);
        return Assert.Single(result.Errors);
    }

    [Fact]
    public void Read_SyntaxError_NamesLineAndDocument()
    {
        var yaml = SeedManifests.SelfSignedClusterIssuer + "\n---\n" + Header + "\nspec:\n  dnsNames: [a, b\n  secretName: x\n";

        var error = SingleError(yaml);

        Assert.Equal(1, error.DocumentIndex);
        Assert.Equal("", error.Field);
        Assert.Null(error.Kind);
        Assert.StartsWith("YAML syntax error after line 13: malformed YAML", error.Message);
    }

    [Fact]
    public void Read_UnclosedQuote_NamesLineAndColumn()
    {
        var error = SingleError("apiVersion: cert-manager.io/v1\nkind: \"Certificate\n");

        Assert.Equal("YAML syntax error at line 2, column 7: While scanning a quoted scalar, found unexpected end of stream.", error.Message);
    }

    [Fact]
    public void Read_TabIndentation_IsSyntaxErrorWithLine()
    {
        var error = SingleError("apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n\tname: web\n");

        Assert.Equal("YAML syntax error at line 4: a tab character is used for indentation; YAML allows spaces only", error.Message);
    }

    [Fact]
    public void Read_DuplicateKey_IsErrorNotException()
    {
        var error = SingleError(Header + "\nkind: Issuer\nspec: {}\n");

        Assert.Equal(0, error.DocumentIndex);
        Assert.Equal("YAML syntax error at line 5, column 1: Duplicate key kind", error.Message);
    }

    [Theory]
    [InlineData("kind: Certificate\nmetadata: {name: web}\nspec: {}\n", "apiVersion")]
    [InlineData("apiVersion: cert-manager.io/v1\nmetadata: {name: web}\nspec: {}\n", "kind")]
    public void Read_MissingTypeField_NamesIt(string yaml, string field)
    {
        var error = SingleError(yaml);

        Assert.Equal(field, error.Field);
        Assert.Equal("required field is missing", error.Message);
        Assert.Equal("web", error.Name);
    }

    [Fact]
    public void Read_OldApiVersion_IsRejected()
    {
        var error = SingleError(CertificateWith("").Replace("cert-manager.io/v1", "cert-manager.io/v1alpha2"));

        Assert.Equal(("Certificate", "web", "apiVersion"), (error.Kind, error.Name, error.Field));
        Assert.Equal("unsupported apiVersion \"cert-manager.io/v1alpha2\" for kind Certificate; expected cert-manager.io/v1", error.Message);
    }

    [Theory]
    [InlineData("CertificateRequest")]
    [InlineData("Pod")]
    public void Read_UnsupportedKind_NamesSupportedKinds(string kind)
    {
        var error = SingleError($"apiVersion: cert-manager.io/v1\nkind: {kind}\nmetadata: {{name: x}}\nspec: {{}}\n");

        Assert.Equal("kind", error.Field);
        Assert.Equal($"unsupported kind \"{kind}\"; supported kinds are Certificate, Issuer, ClusterIssuer, Secret, Namespace, Principal, RoleBinding, ClusterRoleBinding, ClusterIssuerGrant, CertificateRequestPolicy", error.Message);
    }

    [Fact]
    public void Read_MissingName_IsReported()
    {
        // The seeds' DNSPod ClusterIssuer, exported without its name.
        var yaml = SeedManifests.AcmeDnsPod.Split("---")[0].Replace("  name: dnspod\n", "");

        var error = SingleError(yaml);

        Assert.Equal(("ClusterIssuer", null, "metadata.name", "required field is missing"), (error.Kind, error.Name, error.Field, error.Message));
    }

    [Theory]
    [InlineData("name: Web_1", "metadata.name")]
    [InlineData("name: web\n  namespace: My.Space", "metadata.namespace")]
    public void Read_InvalidNames_AreReported(string metadataLines, string field)
    {
        var error = SingleError($"apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata:\n  {metadataLines}\nspec: {{selfSigned: {{}}}}\n");

        Assert.Equal(field, error.Field);
        Assert.Contains("RFC 1123", error.Message);
    }

    [Fact]
    public void Read_MissingSpec_IsReported()
    {
        var error = SingleError(Header);

        Assert.Equal(("spec", "required field is missing"), (error.Field, error.Message));
    }

    [Theory]
    [InlineData("  privateKey:\n    size: \"2048\"", "spec.privateKey.size", "expected an integer")]
    [InlineData("  privateKey:\n    size: 20.48", "spec.privateKey.size", "expected an integer")]
    [InlineData("  privateKey:\n    size: 99999999999", "spec.privateKey.size", "integer out of range")]
    [InlineData("  isCA: yes", "spec.isCA", "expected a boolean (true or false)")]
    [InlineData("  isCA: \"true\"", "spec.isCA", "expected a boolean (true or false)")]
    [InlineData("  dnsNames: example.com", "spec.dnsNames", "expected a list")]
    [InlineData("  dnsNames: [a.example, [b]]", "spec.dnsNames[1]", "expected a string")]
    [InlineData("  dnsNames: [a.example, null]", "spec.dnsNames[1]", "must not be null")]
    [InlineData("  duration: {hours: 2}", "spec.duration", "expected a string")]
    [InlineData("  subject: jetstack", "spec.subject", "expected an object")]
    [InlineData("  secretTemplate:\n    labels: [a]", "spec.secretTemplate.labels", "expected a map")]
    [InlineData("  secretTemplate:\n    labels: {app: [a]}", "spec.secretTemplate.labels[app]", "expected a string")]
    [InlineData("  additionalOutputFormats: [{type: [DER]}]", "spec.additionalOutputFormats[0].type", "expected a string")]
    public void Read_WrongType_NamesFieldPath(string specLines, string field, string message)
    {
        var error = SingleError(CertificateWith(specLines));

        Assert.Equal((0, "Certificate", "web"), (error.DocumentIndex, error.Kind, error.Name));
        Assert.Equal((field, message), (error.Field, error.Message));
    }

    [Theory]
    [InlineData("  dnsName: [a.example]", "spec.dnsName")]
    [InlineData("  privateKey:\n    bits: 2048", "spec.privateKey.bits")]
    [InlineData("  keystores: {pkcs12: {create: true}}", "spec.keystores")]
    [InlineData("  issuerRef2: {}", "spec.issuerRef2")]
    public void Read_UnknownSpecField_IsStrictDecodingError(string specLines, string field)
    {
        var error = SingleError(CertificateWith(specLines));

        Assert.Equal((field, "unknown field"), (error.Field, error.Message));
    }

    [Fact]
    public void Read_UnknownTopLevelField_IsError()
    {
        var error = SingleError(CertificateWith("") + "specs: {}\n");

        Assert.Equal(("specs", "unknown field"), (error.Field, error.Message));
    }

    [Fact]
    public void Read_UnknownMetadataField_IsIgnored()
    {
        var result = ManifestReader.Read(CertificateWith("").Replace("  name: web", "  name: web\n  uid: 1234\n  managedFields: [{}]"));

        Assert.True(result.IsValid);
    }

    [Theory]
    [InlineData("spec: {}", "spec", "no issuer type set")]
    [InlineData("spec: {selfSigned: {}, ca: {secretName: x}}", "spec", "more than one issuer type set")]
    [InlineData("spec: {ca: {}}", "spec.ca.secretName", "required field is missing")]
    [InlineData("spec: {acme: https://acme.example}", "spec.acme", "expected an object")]
    [InlineData("spec: {venafi: {zone: x}}", "spec.venafi", "unknown field")]
    public void Read_BadIssuerSpec_IsReported(string specLine, string field, string message)
    {
        var errors = ManifestReader.Read($"apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {{name: ca}}\n{specLine}\n").Errors;

        Assert.Contains(errors, e => e.Field == field && e.Message.StartsWith(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Read_ManyProblems_AreAllReportedWithTheirDocument()
    {
        var yaml = CertificateWith("  isCA: 1\n  dnsName: [x]\n") + "---\n" + SeedManifests.SelfSignedClusterIssuer + "\n---\nkind: Foo\napiVersion: v1\n";

        var result = ManifestReader.Read(yaml);

        Assert.Equal(
            [(0, "spec.isCA"), (0, "spec.dnsName"), (2, "kind")],
            result.Errors.Select(e => (e.DocumentIndex, e.Field)));
        Assert.Equal("ClusterIssuer", Assert.Single(result.Documents).Kind);
    }

    [Fact]
    public void Read_DocumentNotAMapping_IsReported()
    {
        var error = SingleError("- a\n- b\n");

        Assert.Equal("", error.Field);
        Assert.StartsWith("expected a resource", error.Message);
    }

    [Fact]
    public void Read_ErrorInListItem_NamesItemPath()
    {
        var yaml = "apiVersion: v1\nkind: List\nitems:\n- " + CertificateWith("  isCA: maybe").Replace("\n", "\n  ");

        var error = SingleError(yaml);

        Assert.Equal("items[0].spec.isCA", error.Field);
    }

    [Fact]
    public void Read_AliasBomb_IsRefusedNotExpanded()
    {
        var yaml = new System.Text.StringBuilder("apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: bomb}\nspec:\n  vault:\n");
        yaml.Append("    l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 9; i++)
            yaml.Append($"    l{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 10))}]\n");

        var error = SingleError(yaml.ToString());

        Assert.StartsWith("YAML limit exceeded: too many nodes", error.Message);
        Assert.EndsWith("(limit MaxNodes)", error.Message);
    }

    [Fact]
    public void Read_SelfReferentialAlias_IsErrorNotCrash()
    {
        var result = ManifestReader.Read("apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: loop}\nspec:\n  acme: &a {x: *a}\n");

        Assert.False(result.IsValid);
    }
}
