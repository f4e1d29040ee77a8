using CertMesh.Contracts;
using CertMesh.Domain.Tests.Support;
using CertMesh.Domain.Validation;
using static CertMesh.Domain.Tests.Support.Commands;

namespace CertMesh.Domain.Tests.Validation;

/// <summary>One row per kind of bad input: the command, the issuer, and the exact field and message fragment expected.</summary>
internal sealed record BadInput(Func<IssueCertificate> Command, IssuerLookup Issuer, string Field, string Fragment);

internal static class CertificateValidatorCases
{
    private static readonly string Label60 = new('a', 60);

    /// <summary><paramref name="count"/> distinct, valid DNS names.</summary>
    public static string[] DnsNames(int count) => [.. Enumerable.Range(0, count).Select(i => $"host-{i}.example.com")];

    private static Dictionary<string, string> Map(string key, string value) => new() { [key] = value };

    public static IReadOnlyDictionary<string, BadInput> All { get; } = new Dictionary<string, BadInput>
    {
        // metadata
        ["namespace empty"] = new(() => Valid() with { Namespace = "" }, CaIssuer, "metadata.namespace", "Required value"),
        ["namespace not a label"] = new(() => Valid() with { Namespace = "team.a" }, CaIssuer, "metadata.namespace", "RFC 1123 label"),
        ["namespace too long"] = new(() => Valid() with { Namespace = new string('a', 64) }, CaIssuer, "metadata.namespace", "no more than 63 characters"),
        ["name empty"] = new(() => Valid() with { Name = "" }, CaIssuer, "metadata.name", "Required value"),
        ["name not a subdomain"] = new(() => Valid() with { Name = "Web_Cert" }, CaIssuer, "metadata.name", "RFC 1123 subdomain"),
        ["name too long"] = new(() => Valid() with { Name = new string('a', 254) }, CaIssuer, "metadata.name", "no more than 253 characters"),
        ["secretName missing"] = new(() => WithSpec(s => s with { SecretName = "" }), CaIssuer, "spec.secretName", "Required value"),
        ["secretName invalid"] = new(() => WithSpec(s => s with { SecretName = "web tls" }), CaIssuer, "spec.secretName", "RFC 1123 subdomain"),

        // issuerRef
        ["issuerRef name missing"] = new(() => WithSpec(s => s with { IssuerRef = s.IssuerRef with { Name = "" } }), CaIssuer, "spec.issuerRef.name", "Required value"),
        ["issuerRef name invalid"] = new(() => WithSpec(s => s with { IssuerRef = s.IssuerRef with { Name = "CA_Issuer" } }), CaIssuer, "spec.issuerRef.name", "RFC 1123 subdomain"),
        ["issuerRef kind unknown"] = new(() => WithSpec(s => s with { IssuerRef = s.IssuerRef with { Kind = "Issuers" } }), CaIssuer, "spec.issuerRef.kind", "must be one of Issuer or ClusterIssuer"),
        ["issuerRef kind unknown, group empty"] = new(() => WithSpec(s => s with { IssuerRef = new IssuerReference { Name = "ca-issuer", Kind = "CertificateAuthority" } }), CaIssuer, "spec.issuerRef.kind", "must be one of Issuer or ClusterIssuer"),
        ["Issuer not found"] = new(Valid, IssuerLookup.NotFound, "spec.issuerRef.name", "Issuer \"ca-issuer\" in namespace \"default\" does not exist"),
        ["ClusterIssuer not found"] = new(() => WithSpec(s => s with { IssuerRef = s.IssuerRef with { Kind = "ClusterIssuer" } }), IssuerLookup.NotFound, "spec.issuerRef.name", "ClusterIssuer \"ca-issuer\" does not exist"),

        // dnsNames
        ["dnsName empty"] = new(() => WithSpec(s => s with { DnsNames = ["web.example.com", ""] }), CaIssuer, "spec.dnsNames[1]", "must not be empty"),
        ["dnsName label too long"] = new(() => WithSpec(s => s with { DnsNames = ["web.example.com", new string('a', 64) + ".example.com"] }), CaIssuer, "spec.dnsNames[1]", "must be no more than 63 characters"),
        ["dnsName too long"] = new(() => WithSpec(s => s with { DnsNames = ["web.example.com", string.Join('.', Label60, Label60, Label60, Label60, "example.com")] }), CaIssuer, "spec.dnsNames[1]", "must be no more than 253 characters, got 255"),
        ["dnsName bad character"] = new(() => WithSpec(s => s with { DnsNames = ["web.example.com", "web_1.example.com"] }), CaIssuer, "spec.dnsNames[1]", "invalid character '_'"),
        ["dnsName not punycode"] = new(() => WithSpec(s => s with { DnsNames = ["web.example.com", "bücher.example.com"] }), CaIssuer, "spec.dnsNames[1]", "punycode"),
        ["dnsName leading hyphen"] = new(() => WithSpec(s => s with { DnsNames = ["web.example.com", "-web.example.com"] }), CaIssuer, "spec.dnsNames[1]", "must not start or end with '-'"),
        ["dnsName trailing hyphen"] = new(() => WithSpec(s => s with { DnsNames = ["web.example.com", "web-.example.com"] }), CaIssuer, "spec.dnsNames[1]", "label \"web-\" must not start or end with '-'"),
        ["dnsName wildcard not leftmost"] = new(() => WithSpec(s => s with { DnsNames = ["web.example.com", "web.*.example.com"] }), CaIssuer, "spec.dnsNames[1]", "only allowed as the entire leftmost label"),
        ["dnsName partial wildcard"] = new(() => WithSpec(s => s with { DnsNames = ["web.example.com", "w*.example.com"] }), CaIssuer, "spec.dnsNames[1]", "only allowed as the entire leftmost label"),
        ["dnsName star alone"] = new(() => WithSpec(s => s with { DnsNames = ["web.example.com", "*"] }), CaIssuer, "spec.dnsNames[1]", "'*' alone is not a valid DNS name"),
        ["dnsName double dot"] = new(() => WithSpec(s => s with { DnsNames = ["web.example.com", "web..example.com"] }), CaIssuer, "spec.dnsNames[1]", "must not contain empty labels"),
        ["dnsName leading dot"] = new(() => WithSpec(s => s with { DnsNames = ["web.example.com", ".example.com"] }), CaIssuer, "spec.dnsNames[1]", "must not contain empty labels"),
        ["dnsName duplicate"] = new(() => WithSpec(s => s with { DnsNames = ["web.example.com", "WEB.example.com"] }), CaIssuer, "spec.dnsNames[1]", "Duplicate value: \"WEB.example.com\""),

        // other SANs
        ["ipAddress out of range"] = new(() => WithSpec(s => s with { IpAddresses = ["10.0.0.256"] }), CaIssuer, "spec.ipAddresses[0]", "invalid IP address"),
        ["ipAddress shorthand"] = new(() => WithSpec(s => s with { IpAddresses = ["10.1"] }), CaIssuer, "spec.ipAddresses[0]", "invalid IP address"),
        ["ipAddress with zone"] = new(() => WithSpec(s => s with { IpAddresses = ["fe80::1%eth0"] }), CaIssuer, "spec.ipAddresses[0]", "invalid IP address"),
        ["ipAddress duplicate"] = new(() => WithSpec(s => s with { IpAddresses = ["2001:db8::1", "2001:DB8:0::1"] }), CaIssuer, "spec.ipAddresses[1]", "Duplicate value"),
        ["uri relative"] = new(() => WithSpec(s => s with { Uris = ["/ns/default/sa/web"] }), CaIssuer, "spec.uris[0]", "must be an absolute URI"),
        ["uri duplicate"] = new(() => WithSpec(s => s with { Uris = ["spiffe://a/b", "spiffe://a/b"] }), CaIssuer, "spec.uris[1]", "Duplicate value"),
        ["email without at"] = new(() => WithSpec(s => s with { EmailAddresses = ["ops.example.com"] }), CaIssuer, "spec.emailAddresses[0]", "invalid email address"),
        ["email with display name"] = new(() => WithSpec(s => s with { EmailAddresses = ["Ops <ops@example.com>"] }), CaIssuer, "spec.emailAddresses[0]", "invalid email address"),
        ["no names at all"] = new(() => WithSpec(s => s with { CommonName = null, DnsNames = null, IpAddresses = [], Uris = null, EmailAddresses = null }), CaIssuer, "spec", "at least one of commonName, dnsNames, uris, emailAddresses, ipAddresses must be set"),
        ["commonName too long"] = new(() => WithSpec(s => s with { CommonName = new string('a', 65) }), CaIssuer, "spec.commonName", "must have at most 64 bytes"),

        // durations
        ["duration unparsable"] = new(() => WithSpec(s => s with { Duration = "90d" }), CaIssuer, "spec.duration", "unknown unit \"d\""),
        ["duration below 1h"] = new(() => WithSpec(s => s with { Duration = "30m", RenewBefore = null }), CaIssuer, "spec.duration", "certificate duration 30m0s must be greater than 1h0m0s"),
        ["renewBefore unparsable"] = new(() => WithSpec(s => s with { RenewBefore = "5 minutes" }), CaIssuer, "spec.renewBefore", "not a duration"),
        ["renewBefore below 5m"] = new(() => WithSpec(s => s with { RenewBefore = "4m59s" }), CaIssuer, "spec.renewBefore", "certificate renewBefore 4m59s must be greater than 5m0s"),
        ["renewBefore not below duration"] = new(() => WithSpec(s => s with { Duration = "24h", RenewBefore = "1440m" }), CaIssuer, "spec.renewBefore", "certificate duration 24h0m0s must be greater than renewBefore 24h0m0s"),
        ["renewBefore not below default duration"] = new(() => WithSpec(s => s with { Duration = null, RenewBefore = "2500h" }), CaIssuer, "spec.renewBefore", "certificate duration 2160h0m0s must be greater than renewBefore 2500h0m0s"),
        ["renewBefore with percentage"] = new(() => WithSpec(s => s with { RenewBeforePercentage = 20 }), CaIssuer, "spec.renewBefore", "mutually exclusive"),
        ["renewBeforePercentage zero"] = new(() => WithSpec(s => s with { RenewBefore = null, RenewBeforePercentage = 0 }), CaIssuer, "spec.renewBeforePercentage", "must be greater than 0 and less than 100"),
        ["renewBeforePercentage 100"] = new(() => WithSpec(s => s with { RenewBefore = null, RenewBeforePercentage = 100 }), CaIssuer, "spec.renewBeforePercentage", "must be greater than 0 and less than 100"),
        ["renewBeforePercentage window below 5m"] = new(() => WithSpec(s => s with { Duration = "1h", RenewBefore = null, RenewBeforePercentage = 5 }), CaIssuer, "spec.renewBeforePercentage", "renewBefore of 3m0s, less than the minimum 5m0s"),

        // privateKey
        ["algorithm unknown"] = new(() => WithSpec(s => s with { PrivateKey = s.PrivateKey! with { Algorithm = "DSA", Size = null } }), CaIssuer, "spec.privateKey.algorithm", "Unsupported value: \"DSA\": supported values: \"RSA\", \"ECDSA\""),
        ["algorithm wrong case"] = new(() => WithSpec(s => s with { PrivateKey = s.PrivateKey! with { Algorithm = "rsa", Size = null } }), CaIssuer, "spec.privateKey.algorithm", "case-sensitive"),
        ["algorithm Ed25519"] = new(() => WithSpec(s => s with { PrivateKey = s.PrivateKey! with { Algorithm = "Ed25519", Size = null } }), CaIssuer, "spec.privateKey.algorithm", "not supported by CertMesh (the .NET BCL has no Ed25519)"),
        ["RSA size too small"] = new(() => WithSpec(s => s with { PrivateKey = s.PrivateKey! with { Algorithm = "RSA", Size = 1024 } }), CaIssuer, "spec.privateKey.size", "RSA key size must be 2048, 3072 or 4096 in CertMesh"),
        ["RSA size allowed by cert-manager only"] = new(() => WithSpec(s => s with { PrivateKey = s.PrivateKey! with { Algorithm = "RSA", Size = 8192 } }), CaIssuer, "spec.privateKey.size", "cert-manager allows 2048 to 8192"),
        ["ECDSA size unknown"] = new(() => WithSpec(s => s with { PrivateKey = s.PrivateKey! with { Size = 512 } }), CaIssuer, "spec.privateKey.size", "ECDSA key size must be 256, 384 or 521"),
        ["size without algorithm"] = new(() => WithSpec(s => s with { PrivateKey = new CertificatePrivateKey { Size = 4096 } }), CaIssuer, "spec.privateKey.size", "defaults to ECDSA in CertMesh"),
        ["encoding unknown"] = new(() => WithSpec(s => s with { PrivateKey = s.PrivateKey! with { Encoding = "PKCS12" } }), CaIssuer, "spec.privateKey.encoding", "supported values: \"PKCS1\", \"PKCS8\""),
        ["rotationPolicy wrong case"] = new(() => WithSpec(s => s with { PrivateKey = s.PrivateKey! with { RotationPolicy = "always" } }), CaIssuer, "spec.privateKey.rotationPolicy", "supported values: \"Always\", \"Never\""),

        // usages and outputs
        ["usage unknown"] = new(() => WithSpec(s => s with { Usages = ["digital signature", "serverAuth"] }), CaIssuer, "spec.usages[1]", "Unsupported value: \"serverAuth\""),
        ["usage duplicate"] = new(() => WithSpec(s => s with { Usages = ["server auth", "server auth"] }), CaIssuer, "spec.usages[1]", "Duplicate value"),
        ["revisionHistoryLimit zero"] = new(() => WithSpec(s => s with { RevisionHistoryLimit = 0 }), CaIssuer, "spec.revisionHistoryLimit", "must not be less than 1"),
        ["output format unknown"] = new(() => WithSpec(s => s with { AdditionalOutputFormats = [new AdditionalOutputFormat { Type = "PKCS12" }] }), CaIssuer, "spec.additionalOutputFormats[0].type", "supported values: \"CombinedPEM\", \"DER\""),
        ["output format duplicate"] = new(() => WithSpec(s => s with { AdditionalOutputFormats = [new AdditionalOutputFormat { Type = "DER" }, new AdditionalOutputFormat { Type = "DER" }] }), CaIssuer, "spec.additionalOutputFormats[1].type", "Duplicate value"),

        // ACME
        ["ACME wildcard with HTTP-01 only"] = new(() => WithSpec(s => s with { DnsNames = [.. s.DnsNames!, "*.example.com"] }, ValidForAcme()), AcmeHttp01Only, "spec.dnsNames[2]", "has only HTTP-01 solvers"),
        ["ACME isCA"] = new(() => WithSpec(s => s with { IsCA = true }, ValidForAcme()), AcmeWithDns01, "spec.isCA", "cannot issue CA certificates"),
        ["ACME emailAddresses"] = new(() => WithSpec(s => s with { EmailAddresses = ["ops@example.com"] }, ValidForAcme()), AcmeWithDns01, "spec.emailAddresses", "only issues DNS names and IP addresses"),
        ["ACME uris"] = new(() => WithSpec(s => s with { Uris = ["spiffe://a/b"] }, ValidForAcme()), AcmeWithDns01, "spec.uris", "only issues DNS names and IP addresses"),
        ["ACME commonName not a SAN"] = new(() => WithSpec(s => s with { CommonName = "other.example.com" }, ValidForAcme()), AcmeWithDns01, "spec.commonName", "must also be listed in dnsNames or ipAddresses"),

        // csr
        ["csr garbage"] = new(() => ValidWithCsr() with { Csr = "not a csr at all" }, CaIssuer, "csr", "not a valid PEM-encoded PKCS#10 certificate request"),
        ["csr PEM armour around garbage"] = new(() => ValidWithCsr() with { Csr = "-----BEGIN CERTIFICATE REQUEST-----\nAAECAwQF\n-----END CERTIFICATE REQUEST-----\n" }, CaIssuer, "csr", "not a valid PEM-encoded PKCS#10 certificate request"),
        ["csr is a certificate"] = new(() => ValidWithCsr() with { Csr = CertificatePem() }, CaIssuer, "csr", "not a valid PEM-encoded PKCS#10 certificate request"),
        ["csr signature broken"] = new(() => ValidWithCsr() with { Csr = TestPki.TamperedCsr(Valid().Spec) }, CaIssuer, "csr", "signature does not verify"),
        ["csr dnsNames differ"] = new(() => ValidWithCsr() with { Csr = TestPki.CsrFor(Valid().Spec with { DnsNames = ["web.example.com", "other.example.com"] }) }, CaIssuer, "csr", "only in the csr: other.example.com; only in spec.dnsNames: www.example.com"),
        ["csr commonName differs"] = new(() => ValidWithCsr() with { Csr = TestPki.CsrFor(Valid().Spec with { CommonName = "api.example.com" }) }, CaIssuer, "csr", "commonName \"api.example.com\" differs from spec.commonName \"web.example.com\""),
        ["csr ipAddresses differ"] = new(() => ValidWithCsr() with { Csr = TestPki.CsrFor(Valid().Spec with { IpAddresses = ["10.0.0.1"] }) }, CaIssuer, "csr", "only in spec.ipAddresses: 2001:db8::1"),
        ["csr with privateKey settings"] = new(() => WithSpec(s => s with { PrivateKey = new CertificatePrivateKey { Encoding = "PKCS8" } }, ValidWithCsr()), CaIssuer, "spec.privateKey", "requester keeps its private key"),

        // limits (hostile input): each names its limit
        ["SANs over the limit"] = new(() => WithSpec(s => s with { DnsNames = DnsNames(101), IpAddresses = null, Uris = null, EmailAddresses = null, CommonName = null }), CaIssuer, "spec.dnsNames", "Too many: 101: must have at most 100 subject alternative names (dnsNames, ipAddresses, uris and emailAddresses together) (limit MaxSubjectAltNames)"),
        ["SANs over the limit across lists"] = new(() => WithSpec(s => s with { DnsNames = DnsNames(97), CommonName = null }), CaIssuer, "spec", "Too many: 101: must have at most 100 subject alternative names"),
        ["uri too long"] = new(() => WithSpec(s => s with { Uris = ["spiffe://a/" + new string('b', 2048)] }), CaIssuer, "spec.uris[0]", "must be no more than 2048 characters, got 2059 (limit MaxUriLength)"),
        ["email too long"] = new(() => WithSpec(s => s with { EmailAddresses = [new string('a', 250) + "@example.com"] }), CaIssuer, "spec.emailAddresses[0]", "must be no more than 254 characters, got 262 (limit MaxEmailAddressLength)"),
        ["subject too many values"] = new(() => WithSpec(s => s with { Subject = new X509Subject { Organizations = [.. Enumerable.Range(0, 11).Select(i => $"Org {i}")] } }), CaIssuer, "spec.subject.organizations", "Too many: 11: must have at most 10 values (limit MaxSubjectValues)"),
        ["subject value too long"] = new(() => WithSpec(s => s with { Subject = new X509Subject { Localities = [new string('L', 129)] } }), CaIssuer, "spec.subject.localities[0]", "must be no more than 128 characters, got 129 (limit MaxSubjectValueLength)"),
        ["subject serialNumber too long"] = new(() => WithSpec(s => s with { Subject = new X509Subject { SerialNumber = new string('1', 129) } }), CaIssuer, "spec.subject.serialNumber", "(limit MaxSubjectValueLength)"),
        ["csr too long"] = new(() => WithSpec(s => s with { PrivateKey = null }) with { Csr = new string('A', 64 * 1024 + 1) }, CaIssuer, "csr", "Too long: must have at most 65536 characters, got 65537 (limit MaxCsrLength)"),
        ["label key invalid"] = new(() => Valid() with { Labels = Map("team name", "web") }, CaIssuer, "metadata.labels", "Invalid value: \"team name\": name part must consist of alphanumeric characters"),
        ["label key name too long"] = new(() => Valid() with { Labels = Map("example.com/" + new string('k', 64), "web") }, CaIssuer, "metadata.labels", "name part must be no more than 63 characters (limit MaxKeyNameLength)"),
        ["label key prefix too long"] = new(() => Valid() with { Labels = Map(new string('p', 254) + "/team", "web") }, CaIssuer, "metadata.labels", "prefix part must be no more than 253 characters (limit MaxKeyPrefixLength)"),
        ["label value too long"] = new(() => Valid() with { Labels = Map("team", new string('v', 64)) }, CaIssuer, "metadata.labels[team]", "must be no more than 63 characters (limit MaxLabelValueLength)"),
        ["label value invalid"] = new(() => Valid() with { Labels = Map("team", "web team") }, CaIssuer, "metadata.labels[team]", "a valid label must be an empty string or consist of alphanumeric characters"),
        ["annotation key invalid"] = new(() => Valid() with { Annotations = Map("/note", "x") }, CaIssuer, "metadata.annotations", "prefix part must be non-empty"),
        ["annotations too large"] = new(() => Valid() with { Annotations = Map("note", new string('x', 256 * 1024)) }, CaIssuer, "metadata.annotations", "Too long: must have at most 262144 bytes (keys and values together), got 262148 (limit MaxAnnotationsBytes)"),
        ["secretTemplate label invalid"] = new(() => WithSpec(s => s with { SecretTemplate = new SecretTemplate { Labels = Map("app", "-web") } }), CaIssuer, "spec.secretTemplate.labels[app]", "a valid label must be"),
        ["secretTemplate annotations too large"] = new(() => WithSpec(s => s with { SecretTemplate = new SecretTemplate { Annotations = Map("a", new string('x', 256 * 1024)) } }), CaIssuer, "spec.secretTemplate.annotations", "(limit MaxAnnotationsBytes)"),
        ["object too large"] = new(() => Valid() with { Annotations = Map("note", new string('x', 1024 * 1024)) }, CaIssuer, "", "Too long: must have at most 1048576 bytes as JSON, got 1049"),
    };

    private static string CertificatePem()
    {
        using var key = TestPki.NewEcdsa();
        using var certificate = TestPki.SelfSigned(key, TestPki.NotBefore, TestPki.NotBefore.AddDays(1));
        return certificate.ExportCertificatePem();
    }
}
