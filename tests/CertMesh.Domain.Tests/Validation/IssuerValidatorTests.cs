using System.Text.Json;
using CertMesh.Domain.Resources;
using CertMesh.Domain.Validation;

namespace CertMesh.Domain.Tests.Validation;

public sealed class IssuerValidatorTests
{
    private static readonly Issuer ValidCa = new()
    {
        Metadata = new ObjectMeta { Namespace = "default", Name = "ca-issuer" },
        Spec = new IssuerSpec { Ca = new CaIssuer { SecretName = "ca-key-pair", CrlDistributionPoints = ["http://crl.example.com/ca.crl"] } },
    };

    private static readonly Issuer ValidAcme = ValidCa with
    {
        Spec = new IssuerSpec
        {
            Acme = Json("""
                {"server":"https://127.0.0.1:14000/dir","email":"ops@example.com",
                 "privateKeySecretRef":{"name":"acme-account"},
                 "solvers":[{"http01":{"ingress":{}}},{"dns01":{"rfc2136":{"nameserver":"10.0.0.53:53"}},"selector":{"dnsZones":["example.com"]}}]}
                """),
        },
    };

    private static readonly Issuer ValidVault = ValidCa with
    {
        Spec = new IssuerSpec { Vault = Json("""{"server":"https://vault:8200","path":"pki_int/sign/example"}""") },
    };

    private static readonly Issuer ValidClusterSelfSigned = new()
    {
        Kind = ResourceKinds.ClusterIssuer,
        Metadata = new ObjectMeta { Namespace = ResourceKinds.ClusterNamespace, Name = "selfsigned" },
        Spec = new IssuerSpec { SelfSigned = new SelfSignedIssuer() },
    };

    private static readonly Dictionary<string, (Issuer Issuer, string Field, string Fragment)> Cases = new()
    {
        ["kind unknown"] = (ValidCa with { Kind = "Issuers" }, "kind", "must be one of Issuer or ClusterIssuer"),
        ["name missing"] = (ValidCa with { Metadata = ValidCa.Metadata with { Name = "" } }, "metadata.name", "Required value"),
        ["name invalid"] = (ValidCa with { Metadata = ValidCa.Metadata with { Name = "CA" } }, "metadata.name", "RFC 1123 subdomain"),
        ["namespace missing"] = (ValidCa with { Metadata = ValidCa.Metadata with { Namespace = "" } }, "metadata.namespace", "Required value"),
        ["ClusterIssuer with namespace"] = (ValidClusterSelfSigned with { Metadata = ValidClusterSelfSigned.Metadata with { Namespace = "default" } }, "metadata.namespace", "cluster-scoped"),
        ["no type"] = (ValidCa with { Spec = new IssuerSpec() }, "spec", "one of selfSigned, ca, acme or vault must be set"),
        ["two types"] = (ValidCa with { Spec = ValidCa.Spec with { SelfSigned = new SelfSignedIssuer() } }, "spec", "only one of selfSigned, ca, acme or vault may be set, got selfSigned, ca"),
        ["ca secretName missing"] = (ValidCa with { Spec = new IssuerSpec { Ca = new CaIssuer() } }, "spec.ca.secretName", "Required value"),
        ["ca secretName invalid"] = (ValidCa with { Spec = new IssuerSpec { Ca = new CaIssuer { SecretName = "CA Key" } } }, "spec.ca.secretName", "RFC 1123 subdomain"),
        ["ca CRL point relative"] = (ValidCa with { Spec = new IssuerSpec { Ca = new CaIssuer { SecretName = "ca", CrlDistributionPoints = ["/ca.crl"] } } }, "spec.ca.crlDistributionPoints[0]", "absolute URI"),
        ["selfSigned CRL point relative"] = (ValidClusterSelfSigned with { Spec = new IssuerSpec { SelfSigned = new SelfSignedIssuer { CrlDistributionPoints = ["crl"] } } }, "spec.selfSigned.crlDistributionPoints[0]", "absolute URI"),
        ["acme not an object"] = (ValidCa with { Spec = new IssuerSpec { Acme = Json("[]") } }, "spec.acme", "must be an object"),
        ["acme server missing"] = (Acme("""{"privateKeySecretRef":{"name":"k"}}"""), "spec.acme.server", "Required value"),
        ["acme server not a URL"] = (Acme("""{"server":"letsencrypt","privateKeySecretRef":{"name":"k"}}"""), "spec.acme.server", "absolute https URL"),
        ["acme email invalid"] = (Acme("""{"server":"https://acme/dir","email":"ops","privateKeySecretRef":{"name":"k"}}"""), "spec.acme.email", "invalid email address"),
        ["acme account key secret missing"] = (Acme("""{"server":"https://acme/dir"}"""), "spec.acme.privateKeySecretRef.name", "Required value"),
        ["acme solver without type"] = (Acme("""{"server":"https://acme/dir","privateKeySecretRef":{"name":"k"},"solvers":[{"selector":{}}]}"""), "spec.acme.solvers[0]", "no solver type configured"),
        ["acme solver with two types"] = (Acme("""{"server":"https://acme/dir","privateKeySecretRef":{"name":"k"},"solvers":[{"http01":{},"dns01":{"webhook":{"groupName":"acme.example.com","solverName":"x"}}}]}"""), "spec.acme.solvers[0]", "only one solver type"),
        ["vault server missing"] = (ValidCa with { Spec = new IssuerSpec { Vault = Json("""{"path":"pki/sign/x"}""") } }, "spec.vault.server", "Required value"),
        ["vault path missing"] = (ValidCa with { Spec = new IssuerSpec { Vault = Json("""{"server":"https://vault:8200"}""") } }, "spec.vault.path", "Required value"),
        ["label value invalid"] = (ValidCa with { Metadata = ValidCa.Metadata with { Labels = new Dictionary<string, string> { ["team"] = "a b" } } }, "metadata.labels[team]", "a valid label must be"),
        ["annotations too large"] = (ValidCa with { Metadata = ValidCa.Metadata with { Annotations = new Dictionary<string, string> { ["note"] = new string('x', 300_000) } } }, "metadata.annotations", "(limit MaxAnnotationsBytes)"),
        ["object too large"] = (ValidVault with { Spec = new IssuerSpec { Vault = Json($$"""{"server":"https://vault:8200","path":"pki/sign/x","note":"{{new string('x', 1024 * 1024)}}"}""") } }, "", "(limit MaxObjectBytes)"),
    };

    public static TheoryData<string> BadIssuers => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(BadIssuers))]
    public void Validate_BadIssuer_ReportsThatFieldOnly(string name)
    {
        var (issuer, field, fragment) = Cases[name];

        var errors = IssuerValidator.Validate(issuer);

        Assert.Contains(errors, e => e.Field == field && e.Message.Contains(fragment, StringComparison.Ordinal));
        Assert.All(errors, e => Assert.Equal(field, e.Field));
    }

    public static TheoryData<string> GoodIssuers => new(["ca", "acme", "vault", "cluster selfSigned"]);

    [Theory]
    [MemberData(nameof(GoodIssuers))]
    public void Validate_ValidIssuer_NoErrors(string name)
    {
        var issuer = name switch
        {
            "ca" => ValidCa,
            "acme" => ValidAcme,
            "vault" => ValidVault,
            _ => ValidClusterSelfSigned,
        };

        Assert.Empty(IssuerValidator.Validate(issuer));
    }

    [Fact]
    public void Validate_ManyProblems_CollectsEveryOne()
    {
        var issuer = new Issuer { Kind = "Signer", Spec = new IssuerSpec { Ca = new CaIssuer(), SelfSigned = new SelfSignedIssuer() } };

        var fields = IssuerValidator.Validate(issuer).Select(e => e.Field).ToHashSet();

        Assert.Equal(["kind", "metadata.name", "metadata.namespace", "spec", "spec.ca.secretName"], fields.Order());
    }

    private static Issuer Acme(string json) => ValidCa with { Spec = new IssuerSpec { Acme = Json(json) } };

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
