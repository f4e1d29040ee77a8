using System.Text;
using CertMesh.Api.Manifests;
using CertMesh.Domain.Resources;
using Xunit;

namespace CertMesh.Api.Tests.Manifests;

/// <summary><c>v1 Secret</c> documents as the Kubernetes API server reads them; values never show up in errors.</summary>
public sealed class SecretManifestTests
{
    private const string TsigSecret = """
        apiVersion: v1
        kind: Secret
        metadata:
          name: tsig-secret
          namespace: shop
          labels: {app: dns}
        data:
          tsig-secret-key: c2VjcmV0LWZyb20tZGF0YQ==
          shared: ZnJvbS1kYXRh
        stringData:
          shared: from-stringData
          port: 53
        """;

    private static Secret ReadSecret(string yaml)
    {
        var result = ManifestReader.Read(yaml);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return Assert.IsType<SecretManifest>(Assert.Single(result.Documents)).Secret;
    }

    private static string SecretWith(string lines) => "apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: shop}\n" + lines;

    [Fact]
    public void Read_Secret_DecodesDataAndMergesStringDataOverIt()
    {
        var secret = ReadSecret(TsigSecret);

        Assert.Equal(("shop", "tsig-secret", SecretTypes.Opaque), (secret.Metadata.Namespace, secret.Metadata.Name, secret.Type));
        Assert.Equal("dns", secret.Metadata.Labels!["app"]);
        Assert.Equal(["port", "shared", "tsig-secret-key"], secret.Data.Keys.Order());
        Assert.Equal("secret-from-data", Encoding.UTF8.GetString(secret.Data["tsig-secret-key"]));
        Assert.Equal("from-stringData", Encoding.UTF8.GetString(secret.Data["shared"]));
        Assert.Equal("53", Encoding.UTF8.GetString(secret.Data["port"]));
    }

    [Fact]
    public void Read_SecretWithoutNamespaceOrData_IsAnEmptyOpaqueSecretInDefault()
    {
        var secret = ReadSecret("apiVersion: v1\nkind: Secret\nmetadata: {name: empty}\n");

        Assert.Equal(("default", SecretTypes.Opaque), (secret.Metadata.Namespace, secret.Type));
        Assert.Empty(secret.Data);
    }

    [Fact]
    public void Read_ExportedTlsSecret_KeepsTypeAndIgnoresServerFields()
    {
        var secret = ReadSecret("""
            apiVersion: v1
            kind: Secret
            metadata:
              name: web-tls
              namespace: shop
              uid: 6f1c1a52-7d3e-4c59-9a57-3f0e1e2a8b10
              resourceVersion: "42"
              creationTimestamp: "2024-05-01T10:00:00Z"
              annotations: {cert-manager.io/certificate-name: web}
            type: kubernetes.io/tls
            data:
              tls.crt: Y2VydA==
              tls.key: a2V5
            """);

        Assert.Equal(SecretTypes.Tls, secret.Type);
        Assert.Equal("web", secret.Metadata.Annotations!["cert-manager.io/certificate-name"]);
        Assert.Equal(default, secret.Metadata.Uid);
    }

    [Fact]
    public void Read_SecretBesideIssuer_GivesBothDocuments()
    {
        var yaml = TsigSecret + "\n---\n" + SeedManifests.SelfSignedClusterIssuer;

        var result = ManifestReader.Read(yaml);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(["Secret", "ClusterIssuer"], result.Documents.Select(d => d.Kind));
    }

    [Fact]
    public void Read_BadBase64_NamesTheKeyButNeverTheValue()
    {
        var result = ManifestReader.Read(SecretWith("data:\n  password: not-base64!hunter2\n  ok: b2s=\n"));

        var error = Assert.Single(result.Errors);
        Assert.Equal(("Secret", "s", "data.password"), (error.Kind, error.Name, error.Field));
        Assert.StartsWith("Invalid value: not valid base64 (the value is not shown)", error.Message);
        Assert.DoesNotContain("hunter2", error.ToString());
        Assert.Empty(result.Documents);
    }

    [Theory]
    [InlineData("data:\n  'bad key': b2s=\n", "data.bad key", "bad key")]
    [InlineData("data:\n  a/b: b2s=\n", "data.a/b", "a/b")]
    [InlineData("stringData:\n  'x:y': hunter2\n", "stringData.x:y", "x:y")]
    [InlineData("stringData:\n  ..data: hunter2\n", "stringData...data", "..data")]
    public void Read_InvalidKey_NamesTheKey(string lines, string field, string key)
    {
        var error = Assert.Single(ManifestReader.Read(SecretWith(lines)).Errors);

        Assert.Equal(field, error.Field);
        Assert.StartsWith($"Invalid value: \"{key}\": ", error.Message);
        Assert.DoesNotContain("hunter2", error.Message);
    }

    [Fact]
    public void Read_TlsSecretWithoutKey_RequiresIt()
    {
        var error = Assert.Single(ManifestReader.Read(SecretWith("type: kubernetes.io/tls\nstringData:\n  tls.crt: cert\n")).Errors);

        Assert.Equal(("data.tls.key", "Required value: a kubernetes.io/tls Secret must hold tls.key"), (error.Field, error.Message));
    }

    [Fact]
    public void Read_OverOneMebibyte_IsTooLong()
    {
        var error = Assert.Single(ManifestReader.Read(SecretWith($"stringData:\n  big: {new string('x', 1024 * 1024)}\n")).Errors);

        Assert.Equal("data", error.Field);
        Assert.StartsWith("Too long: must have at most 1048576 bytes", error.Message);
    }

    [Theory]
    [InlineData("apiVersion: cert-manager.io/v1\nkind: Secret\nmetadata: {name: s}\n", "apiVersion", "unsupported apiVersion \"cert-manager.io/v1\" for kind Secret; expected v1")]
    [InlineData("apiVersion: v1\nkind: Secret\nmetadata: {name: S}\n", "metadata.name", "invalid value \"S\"")]
    [InlineData("apiVersion: v1\nkind: Secret\nmetadata: {namespace: shop}\n", "metadata.name", "required field is missing")]
    [InlineData("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nimmutable: true\n", "immutable", "unknown field")]
    [InlineData("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nspec: {}\n", "spec", "unknown field")]
    [InlineData("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: [a]\n", "data", "expected a map")]
    public void Read_BadSecretDocument_NamesField(string yaml, string field, string message)
    {
        var error = Assert.Single(ManifestReader.Read(yaml).Errors);

        Assert.Equal(field, error.Field);
        Assert.StartsWith(message, error.Message);
    }

    [Theory]
    [InlineData("metadata: {name: s, namespace: shop, labels: {team: \"a b\"}}\n", "metadata.labels[team]", "a valid label must be")]
    [InlineData("metadata: {name: s, namespace: shop, annotations: {\"bad key\": x}}\n", "metadata.annotations", "name part must consist of")]
    public void Read_SecretMetadataBreakingKubernetesRules_NamesTheField(string metadata, string field, string fragment)
    {
        var result = ManifestReader.Read("apiVersion: v1\nkind: Secret\n" + metadata + "stringData: {k: v}\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal(field, error.Field);
        Assert.Contains(fragment, error.Message);
    }

    [Fact]
    public void Read_SecretAnnotationsOverTheLimit_NamesTheLimit()
    {
        var result = ManifestReader.Read(SecretWith($"stringData: {{k: v}}\n").Replace("namespace: shop}", $"namespace: shop, annotations: {{note: {new string('a', 300 * 1024)}}}}}"));

        var error = Assert.Single(result.Errors);
        Assert.Equal("metadata.annotations", error.Field);
        Assert.EndsWith("(limit MaxAnnotationsBytes)", error.Message);
    }

    [Fact]
    public void Read_TenThousandBadKeys_AHundredErrorsAndACount()
    {
        var keys = string.Concat(Enumerable.Range(0, 10_000).Select(i => $"  \"bad key {i}\": v\n"));

        var errors = ManifestReader.Read(SecretWith("stringData:\n" + keys)).Errors;

        Assert.Equal(101, errors.Count);
        Assert.Equal("9900 more errors not shown (at most 100 are reported; limit MaxReported)", errors[^1].Message);
    }
}
