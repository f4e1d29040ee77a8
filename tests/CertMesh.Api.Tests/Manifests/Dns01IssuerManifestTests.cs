using System.Text.Json;
using CertMesh.Api.Manifests;
using CertMesh.Domain.Validation;
using Xunit;

namespace CertMesh.Api.Tests.Manifests;

/// <summary>DNS-01 Issuers as cert-manager's documentation writes them: the schema (reader) and admission (validator).</summary>
public sealed class Dns01IssuerManifestTests
{
    private const string Rfc2136Issuer = """
        apiVersion: cert-manager.io/v1
        kind: Issuer
        metadata:
          name: bind
          namespace: shop
        spec:
          acme:
            server: https://acme-staging-v02.api.letsencrypt.org/directory
            email: ops@example.com
            privateKeySecretRef:
              name: bind-account-key
            solvers:
            - selector:
                dnsZones:
                - example.com
              dns01:
                cnameStrategy: Follow
                rfc2136:
                  nameserver: 10.0.0.53:53
                  tsigKeyName: certmesh-key
                  tsigAlgorithm: HMACSHA256
                  tsigSecretSecretRef:
                    name: tsig-secret
                    key: tsig-secret-key
        """;

    /// <summary>Every ACME issuer field of cert-manager, and each DNS provider CertMesh does not run.</summary>
    private static string IssuerWithProvider(string provider) => $$"""
        apiVersion: cert-manager.io/v1
        kind: ClusterIssuer
        metadata:
          name: everything
        spec:
          acme:
            server: https://acme.example/directory
            email: ops@example.com
            preferredChain: ISRG Root X1
            profile: tlsserver
            caBundle: ""
            skipTLSVerify: false
            disableAccountKeyGeneration: false
            enableDurationFeature: true
            externalAccountBinding:
              keyID: kid-1
              keySecretRef: {name: eab, key: secret}
              keyAlgorithm: HS256
            privateKeySecretRef: {name: account, key: tls.key}
            solvers:
            - http01:
                ingress:
                  ingressClassName: nginx
                  podTemplate:
                    spec:
                      nodeSelector: {kubernetes.io/os: linux}
            - dns01:
        {{provider}}
        """;

    public static TheoryData<string> OtherProviders => new(
    [
        "        cloudflare: {email: ops@example.com, apiKeySecretRef: {name: cf, key: api-key}}",
        "        route53: {region: eu-west-1, hostedZoneID: Z123, accessKeyIDSecretRef: {name: aws, key: id}, secretAccessKeySecretRef: {name: aws, key: secret}}",
        "        azureDNS: {subscriptionID: s, resourceGroupName: rg, hostedZoneName: example.com, environment: AzurePublicCloud, managedIdentity: {clientID: c}}",
        "        cloudDNS: {project: my-project, serviceAccountSecretRef: {name: gcp, key: key.json}}",
        "        acmeDNS: {host: https://auth.acme-dns.io, accountSecretRef: {name: acme-dns, key: acmedns.json}}",
        "        digitalocean: {tokenSecretRef: {name: do, key: token}}",
        "        akamai: {serviceConsumerDomain: akab.example, clientTokenSecretRef: {name: a, key: t}, clientSecretSecretRef: {name: a, key: s}, accessTokenSecretRef: {name: a, key: at}}",
    ]);

    [Fact]
    public void Read_Rfc2136Issuer_KeepsEveryFieldAndPassesAdmission()
    {
        var (issuer, errors) = ReadAndValidate(Rfc2136Issuer);

        Assert.Empty(errors);
        var dns01 = issuer.GetProperty("solvers")[0].GetProperty("dns01");
        Assert.Equal("Follow", dns01.GetProperty("cnameStrategy").GetString());
        var rfc2136 = dns01.GetProperty("rfc2136");
        Assert.Equal("10.0.0.53:53", rfc2136.GetProperty("nameserver").GetString());
        Assert.Equal("certmesh-key", rfc2136.GetProperty("tsigKeyName").GetString());
        Assert.Equal("HMACSHA256", rfc2136.GetProperty("tsigAlgorithm").GetString());
        Assert.Equal("tsig-secret-key", rfc2136.GetProperty("tsigSecretSecretRef").GetProperty("key").GetString());
    }

    [Theory]
    [MemberData(nameof(OtherProviders))]
    public void Read_OtherCertManagerProvider_AppliesUnchanged(string provider)
    {
        var (acme, errors) = ReadAndValidate(IssuerWithProvider(provider));

        Assert.Empty(errors);
        var name = provider.Trim().Split(':')[0];
        Assert.Equal(JsonValueKind.Object, acme.GetProperty("solvers")[1].GetProperty("dns01").GetProperty(name).ValueKind);
    }

    [Theory]
    [InlineData("nameServer: 10.0.0.53", "spec.acme.solvers[0].dns01.rfc2136.nameServer", "unknown field")]
    [InlineData("nameserver: [10.0.0.53]", "spec.acme.solvers[0].dns01.rfc2136.nameserver", "expected a string")]
    [InlineData("tsigSecretSecretRef: tsig", "spec.acme.solvers[0].dns01.rfc2136.tsigSecretSecretRef", "expected an object")]
    public void Read_MistypedRfc2136Field_IsNamedByItsPath(string line, string field, string message)
    {
        var yaml = Acme($"solvers:\n    - dns01:\n        rfc2136:\n          {line}");

        var errors = ManifestReader.Read(yaml).Errors;

        Assert.Contains(errors, e => e.Field == field && e.Message == message);
    }

    [Theory]
    [InlineData("godaddy: {apiKey: x}", "spec.acme.solvers[0].dns01.godaddy")]
    [InlineData("webhook: {groupName: a.b, solverName: x, configs: {}}", "spec.acme.solvers[0].dns01.webhook.configs")]
    public void Read_UnknownDns01Field_IsUnknownField(string dns01, string field)
    {
        var yaml = Acme($"solvers:\n    - dns01: {{{dns01}}}");

        var error = Assert.Single(ManifestReader.Read(yaml).Errors);

        Assert.Equal((field, "unknown field"), (error.Field, error.Message));
    }

    [Fact]
    public void Read_UnknownAcmeField_IsUnknownField()
    {
        var error = Assert.Single(ManifestReader.Read(Acme("privateKey: {name: k}")).Errors);

        Assert.Equal(("spec.acme.privateKey", "unknown field"), (error.Field, error.Message));
    }

    [Theory]
    [InlineData("{}", "spec.acme.solvers[0].dns01", "Required value: no DNS01 provider configured: set one of rfc2136 or webhook")]
    [InlineData("{rfc2136: {nameserver: 10.0.0.53}, webhook: {groupName: a.b, solverName: x}}", "spec.acme.solvers[0].dns01", "Forbidden: may not specify more than one provider type, got rfc2136, webhook")]
    [InlineData("{rfc2136: {tsigKeyName: k, tsigSecretSecretRef: {name: s, key: k}}}", "spec.acme.solvers[0].dns01.rfc2136.nameserver", "Required value")]
    [InlineData("{rfc2136: {nameserver: 'ns1.example.com:dns'}}", "spec.acme.solvers[0].dns01.rfc2136.nameserver", "Invalid value: \"ns1.example.com:dns\": port \"dns\" must be a number from 1 to 65535")]
    [InlineData("{rfc2136: {nameserver: 10.0.0.53, tsigAlgorithm: hmac-sha256}}", "spec.acme.solvers[0].dns01.rfc2136.tsigAlgorithm", "Unsupported value: \"hmac-sha256\"")]
    [InlineData("{rfc2136: {nameserver: 10.0.0.53, tsigKeyName: k}}", "spec.acme.solvers[0].dns01.rfc2136.tsigSecretSecretRef.name", "Required value")]
    [InlineData("{rfc2136: {nameserver: 10.0.0.53, tsigSecretSecretRef: {name: s, key: k}}}", "spec.acme.solvers[0].dns01.rfc2136.tsigKeyName", "Required value")]
    [InlineData("{webhook: {solverName: dnspod}}", "spec.acme.solvers[0].dns01.webhook.groupName", "Required value")]
    [InlineData("{webhook: {groupName: acme.imroc.cc}}", "spec.acme.solvers[0].dns01.webhook.solverName", "Required value")]
    [InlineData("{webhook: {groupName: a.b, solverName: x}, cnameStrategy: Always}", "spec.acme.solvers[0].dns01.cnameStrategy", "Unsupported value: \"Always\": supported values: \"None\", \"Follow\"")]
    public void Validate_BadDns01_NamesFullFieldPath(string dns01, string field, string message)
    {
        var (_, errors) = ReadAndValidate(Acme($"solvers:\n    - dns01: {dns01}"));

        Assert.Contains(errors, e => e.Field == field && e.Message.StartsWith(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("config: AKIDxxxxx", JsonValueKind.String)]
    [InlineData("config: 600", JsonValueKind.Number)]
    [InlineData("config: [a, 1]", JsonValueKind.Array)]
    [InlineData("config: {a: {b: [true]}}", JsonValueKind.Object)]
    public void Read_WebhookConfig_AnyJsonValueIsKept(string config, JsonValueKind kind)
    {
        var (acme, errors) = ReadAndValidate(Acme($"solvers:\n    - dns01:\n        webhook:\n          groupName: acme.example.com\n          solverName: x\n          {config}"));

        Assert.Empty(errors);
        Assert.Equal(kind, acme.GetProperty("solvers")[0].GetProperty("dns01").GetProperty("webhook").GetProperty("config").ValueKind);
    }

    [Fact]
    public void Read_SeedDnsPodIssuer_PassesAdmission()
    {
        var (_, errors) = ReadAndValidate(SeedManifests.AcmeDnsPod.Split("---")[0]);

        Assert.Empty(errors);
    }

    private static string Acme(string line) => $"""
        apiVersion: cert-manager.io/v1
        kind: Issuer
        metadata: {"{name: dns, namespace: shop}"}
        spec:
          acme:
            server: https://acme.example/directory
            privateKeySecretRef: {"{name: account}"}
            {line}
        """;

    /// <summary>What apply does before storing an issuer: the schema, then admission.</summary>
    private static (JsonElement Acme, IReadOnlyList<(string Field, string Message)> Errors) ReadAndValidate(string yaml)
    {
        var read = ManifestReader.Read(yaml);
        Assert.True(read.IsValid, string.Join("\n", read.Errors));
        var issuer = Assert.IsType<IssuerManifest>(Assert.Single(read.Documents)).Issuer;
        return (issuer.Spec.Acme!.Value, IssuerValidator.Validate(issuer).Select(e => (e.Field, e.Message)).ToList());
    }
}
