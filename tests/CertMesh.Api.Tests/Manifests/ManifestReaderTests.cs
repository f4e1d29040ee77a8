using System.Text.Json;
using CertMesh.Api.Manifests;
using CertMesh.Contracts;
using CertMesh.Domain.Resources;
using Xunit;

namespace CertMesh.Api.Tests.Manifests;

public sealed class ManifestReaderTests
{
    private static ManifestReadResult ReadValid(string yaml)
    {
        var result = ManifestReader.Read(yaml);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result;
    }

    [Fact]
    public void Read_SeedSelfSignedIssuer_KeepsMetadataAndIgnoresStatus()
    {
        var issuer = Assert.IsType<IssuerManifest>(Assert.Single(ReadValid(SeedManifests.SelfSignedIssuer).Documents)).Issuer;

        Assert.Equal(ResourceKinds.Issuer, issuer.Kind);
        Assert.Equal("cert-manager", issuer.Metadata.Namespace);
        Assert.Equal("cert-manager-webhook-dnspod-selfsign", issuer.Metadata.Name);
        Assert.Equal("Helm", issuer.Metadata.Labels!["app.kubernetes.io/managed-by"]);
        Assert.Equal("cert-manager", issuer.Metadata.Annotations!["meta.helm.sh/release-namespace"]);
        Assert.NotNull(issuer.Spec.SelfSigned);
        Assert.Null(issuer.Spec.SelfSigned!.CrlDistributionPoints);
        Assert.Empty(issuer.Status.Conditions);
    }

    [Fact]
    public void Read_ClusterIssuer_HasNoNamespace()
    {
        var yaml = SeedManifests.SelfSignedClusterIssuer.Replace("  name: selfsigned-issuer", "  name: selfsigned-issuer\n  namespace: ignored");

        var issuer = Assert.IsType<IssuerManifest>(Assert.Single(ReadValid(yaml).Documents)).Issuer;

        Assert.Equal(ResourceKinds.ClusterIssuer, issuer.Kind);
        Assert.Equal(ResourceKinds.ClusterNamespace, issuer.Metadata.Namespace);
        Assert.Equal("selfsigned-issuer", issuer.Metadata.Name);
    }

    [Fact]
    public void Read_CaBootstrap_GivesFourDocumentsInOrder()
    {
        var documents = ReadValid(SeedManifests.CaBootstrap).Documents;

        Assert.Equal([0, 1, 2, 3], documents.Select(d => d.DocumentIndex));
        Assert.Equal(["ClusterIssuer", "Certificate", "Issuer", "Certificate"], documents.Select(d => d.Kind));

        var root = Assert.IsType<CertificateManifest>(documents[1]).Command;
        Assert.Equal("sandbox", root.Namespace);
        Assert.Equal("my-selfsigned-ca", root.Name);
        Assert.True(root.Spec.IsCA);
        Assert.Equal("my-selfsigned-ca", root.Spec.CommonName);
        Assert.Equal("root-secret", root.Spec.SecretName);
        Assert.Equal(new CertificatePrivateKey { Algorithm = "ECDSA", Size = 256 }, root.Spec.PrivateKey);
        Assert.Equal(new IssuerReference { Name = "selfsigned-issuer", Kind = "ClusterIssuer", Group = "cert-manager.io" }, root.Spec.IssuerRef);

        var ca = Assert.IsType<IssuerManifest>(documents[2]).Issuer;
        Assert.Equal("sandbox", ca.Metadata.Namespace);
        Assert.Equal("root-secret", ca.Spec.Ca!.SecretName);

        var leaf = Assert.IsType<CertificateManifest>(documents[3]).Command;
        Assert.Equal(["web.sandbox.example"], leaf.Spec.DnsNames!);
        Assert.Equal(new IssuerReference { Name = "my-ca-issuer" }, leaf.Spec.IssuerRef);
        Assert.False(leaf.Spec.IsCA);
    }

    [Fact]
    public void Read_AcmeDnsPod_KeepsAcmeBlockVerbatimWithTypedScalars()
    {
        var documents = ReadValid(SeedManifests.AcmeDnsPod).Documents;

        var issuer = Assert.IsType<IssuerManifest>(documents[0]).Issuer;
        Assert.Equal("dnspod", issuer.Metadata.Name);
        var acme = issuer.Spec.Acme!.Value;
        Assert.Equal("https://acme-v02.api.letsencrypt.org/directory", acme.GetProperty("server").GetString());
        Assert.Equal("", acme.GetProperty("preferredChain").GetString());
        var webhook = acme.GetProperty("solvers")[0].GetProperty("dns01").GetProperty("webhook");
        Assert.Equal("dnspod", webhook.GetProperty("solverName").GetString());
        Assert.Equal(JsonValueKind.Number, webhook.GetProperty("config").GetProperty("ttl").ValueKind);
        Assert.Equal(600, webhook.GetProperty("config").GetProperty("ttl").GetInt32());
        Assert.Equal("<my-secret-id>", webhook.GetProperty("config").GetProperty("secretId").GetString());

        var certificate = Assert.IsType<CertificateManifest>(documents[1]).Command;
        Assert.Equal(["e-whisper.com", "*.e-whisper.com"], certificate.Spec.DnsNames!);
        Assert.Equal("ClusterIssuer", certificate.Spec.IssuerRef.Kind);
    }

    [Fact]
    public void Read_ExportedCertificateWithStatus_IgnoresServerFields()
    {
        var command = Assert.IsType<CertificateManifest>(Assert.Single(ReadValid(SeedManifests.RancherCertificate).Documents)).Command;

        Assert.Equal("cattle-system", command.Namespace);
        Assert.Equal("tls-rancher-ingress", command.Name);
        Assert.Equal(["digital signature", "key encipherment"], command.Spec.Usages!);
        Assert.Equal("rancher", command.Labels!["app"]);
        Assert.Null(command.Annotations);
    }

    [Fact]
    public void Read_FullCertificate_MapsEveryField()
    {
        var command = Assert.IsType<CertificateManifest>(Assert.Single(ReadValid(SeedManifests.FullCertificate).Documents)).Command;
        var spec = command.Spec;

        Assert.Equal("web", command.Labels!["team"]);
        Assert.Equal("2", command.Annotations!["note"]);
        Assert.Equal("example-com-tls", spec.SecretName);
        Assert.Equal("foo", spec.SecretTemplate!.Annotations!["my-secret-annotation-1"]);
        Assert.Equal("42", spec.SecretTemplate.Annotations["my-secret-annotation-2"]);
        Assert.Equal("foo", spec.SecretTemplate.Labels!["my-secret-label"]);
        Assert.Equal("2160h", spec.Duration);
        Assert.Equal("360h", spec.RenewBefore);
        Assert.Equal(25, spec.RenewBeforePercentage);
        Assert.False(spec.IsCA);
        Assert.Equal(3, spec.RevisionHistoryLimit);
        Assert.Equal(new CertificatePrivateKey { Algorithm = "RSA", Encoding = "PKCS1", Size = 2048, RotationPolicy = "Always" }, spec.PrivateKey);
        Assert.Equal(["server auth", "client auth"], spec.Usages!);
        Assert.Equal(["jetstack"], spec.Subject!.Organizations!);
        Assert.Equal(["GB"], spec.Subject.Countries!);
        Assert.Equal(["platform"], spec.Subject.OrganizationalUnits!);
        Assert.Equal(["London"], spec.Subject.Localities!);
        Assert.Equal(["Greater London"], spec.Subject.Provinces!);
        Assert.Equal(["1 Example Street"], spec.Subject.StreetAddresses!);
        Assert.Equal(["EC1A 1BB"], spec.Subject.PostalCodes!);
        Assert.Equal("1234", spec.Subject.SerialNumber);
        Assert.Equal("example.com", spec.CommonName);
        Assert.Equal(["example.com", "www.example.com"], spec.DnsNames!);
        Assert.Equal(["spiffe://cluster.local/ns/sandbox/sa/example"], spec.Uris!);
        Assert.Equal(["john.doe@cert-manager.io"], spec.EmailAddresses!);
        Assert.Equal(["192.168.0.5"], spec.IpAddresses!);
        Assert.Equal(new IssuerReference { Name = "ca-issuer", Kind = "Issuer", Group = "cert-manager.io" }, spec.IssuerRef);
        Assert.Equal(["CombinedPEM", "DER"], spec.AdditionalOutputFormats!.Select(f => f.Type));
    }

    [Fact]
    public void Read_FullCertificate_LeavesNoSpecPropertyUnset()
    {
        var spec = ((CertificateManifest)ReadValid(SeedManifests.FullCertificate).Documents[0]).Command.Spec;

        // Guards the schema against CertificateSpec growing a field the reader does not map.
        var unset = typeof(CertificateSpec).GetProperties()
            .Where(p => p.PropertyType != typeof(bool) && p.GetValue(spec) is null)
            .Select(p => p.Name);
        Assert.Empty(unset);
    }

    [Fact]
    public void Read_NamespaceOmitted_DefaultsToDefault()
    {
        var yaml = """
            apiVersion: cert-manager.io/v1
            kind: Certificate
            metadata: {name: web}
            spec: {secretName: web-tls, issuerRef: {name: ca}}
            """;

        Assert.Equal("default", ReadValid(yaml).Documents[0].Namespace);
    }

    [Theory]
    [InlineData("commonName: 1234", "1234")]
    [InlineData("commonName: true", "true")]
    [InlineData("commonName: '2048'", "2048")]
    [InlineData("commonName: 1.5", "1.5")]
    public void Read_NumberOrBooleanLookingScalarInStringField_KeepsText(string line, string expected)
    {
        var yaml = $$"""
            apiVersion: cert-manager.io/v1
            kind: Certificate
            metadata: {name: web}
            spec:
              secretName: web-tls
              issuerRef: {name: ca}
              {{line}}
            """;

        Assert.Equal(expected, ((CertificateManifest)ReadValid(yaml).Documents[0]).Command.Spec.CommonName);
    }

    [Fact]
    public void Read_EmptyDocumentsAndComments_AreSkippedButCounted()
    {
        // The first "---" opens document 0 (empty), the second opens document 1; a comment alone is no document.
        var yaml = "# leading comment\n---\n---\n" + SeedManifests.SelfSignedClusterIssuer + "\n---\n# trailing\n";

        var document = Assert.Single(ReadValid(yaml).Documents);

        Assert.Equal(1, document.DocumentIndex);
    }

    [Fact]
    public void Read_EmptyInput_GivesNothing()
    {
        var result = ManifestReader.Read("");

        Assert.True(result.IsValid);
        Assert.Empty(result.Documents);
    }

    [Fact]
    public void Read_KindList_ReadsItems()
    {
        var yaml = """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: cert-manager.io/v1
              kind: ClusterIssuer
              metadata: {name: root}
              spec: {selfSigned: {}}
            - apiVersion: cert-manager.io/v1
              kind: Issuer
              metadata: {name: ca, namespace: shop}
              spec: {ca: {secretName: root-tls}}
            """;

        Assert.Equal(["root", "ca"], ReadValid(yaml).Documents.Select(d => d.Name));
    }
}
