using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertMesh.Contracts;
using CertMesh.Integration.Tests.Support;
using MassTransit;
using Xunit;

namespace CertMesh.Integration.Tests.Admission;

/// <summary>Every kind of bad input gets a specific field error over the bus, and changes nothing.</summary>
[Collection(StackCollection.Name)]
public sealed class BadInputTests(StackFixture stack)
{
    const string Namespace = "it-bad";

    static readonly Dictionary<string, (Func<IssueCertificate, IssueCertificate> Break, string Field)> Cases = new()
    {
        ["dns name with underscore"] = (c => c.WithSpec(s => s with { DnsNames = ["bad_name.test"] }), "spec.dnsNames[0]"),
        ["dns name leading hyphen"] = (c => c.WithSpec(s => s with { DnsNames = ["-lead.test"] }), "spec.dnsNames[0]"),
        ["dns name double dot"] = (c => c.WithSpec(s => s with { DnsNames = ["a..b.test"] }), "spec.dnsNames[0]"),
        ["wildcard not leftmost"] = (c => c.WithSpec(s => s with { DnsNames = ["foo.*.test"] }), "spec.dnsNames[0]"),
        ["dns label over 63"] = (c => c.WithSpec(s => s with { DnsNames = [new string('a', 64) + ".test"] }), "spec.dnsNames[0]"),
        ["duplicate dns name"] = (c => c.WithSpec(s => s with { DnsNames = ["x.test", "x.test"] }), "spec.dnsNames[1]"),
        ["empty SAN set"] = (c => c.WithSpec(s => s with { CommonName = null, DnsNames = null }), "spec"),
        ["bad ip address"] = (c => c.WithSpec(s => s with { IpAddresses = ["999.1.1.1"] }), "spec.ipAddresses[0]"),
        ["relative uri"] = (c => c.WithSpec(s => s with { Uris = ["not a uri"] }), "spec.uris[0]"),
        ["bad email"] = (c => c.WithSpec(s => s with { EmailAddresses = ["nobody"] }), "spec.emailAddresses[0]"),
        ["common name over 64"] = (c => c.WithSpec(s => s with { CommonName = new string('c', 65) }), "spec.commonName"),
        ["unknown issuer"] = (c => c.WithSpec(s => s with { IssuerRef = new IssuerReference { Name = "nope", Kind = "ClusterIssuer" } }), "spec.issuerRef"),
        ["unknown issuer kind"] = (c => c.WithSpec(s => s with { IssuerRef = s.IssuerRef with { Kind = "Bogus" } }), "spec.issuerRef.kind"),
        ["missing issuer name"] = (c => c.WithSpec(s => s with { IssuerRef = s.IssuerRef with { Name = "" } }), "spec.issuerRef.name"),
        ["missing secret name"] = (c => c.WithSpec(s => s with { SecretName = "" }), "spec.secretName"),
        ["invalid secret name"] = (c => c.WithSpec(s => s with { SecretName = "Bad_Name" }), "spec.secretName"),
        ["duration under 1h"] = (c => c.WithSpec(s => s with { Duration = "30m" }), "spec.duration"),
        ["unparsable duration"] = (c => c.WithSpec(s => s with { Duration = "soon" }), "spec.duration"),
        ["renewBefore under 5m"] = (c => c.WithSpec(s => s with { RenewBefore = "1m" }), "spec.renewBefore"),
        ["renewBefore not below duration"] = (c => c.WithSpec(s => s with { Duration = "2h", RenewBefore = "3h" }), "spec.renewBefore"),
        ["both renewBefore forms"] = (c => c.WithSpec(s => s with { RenewBefore = "1h", RenewBeforePercentage = 20 }), "spec.renewBefore"),
        ["renewBeforePercentage out of range"] = (c => c.WithSpec(s => s with { RenewBeforePercentage = 150 }), "spec.renewBeforePercentage"),
        ["unsupported RSA size"] = (c => c.WithSpec(s => s with { PrivateKey = new CertificatePrivateKey { Algorithm = "RSA", Size = 1024 } }), "spec.privateKey.size"),
        ["unsupported ECDSA size"] = (c => c.WithSpec(s => s with { PrivateKey = new CertificatePrivateKey { Algorithm = "ECDSA", Size = 257 } }), "spec.privateKey.size"),
        ["Ed25519"] = (c => c.WithSpec(s => s with { PrivateKey = new CertificatePrivateKey { Algorithm = "Ed25519" } }), "spec.privateKey.algorithm"),
        ["unknown key encoding"] = (c => c.WithSpec(s => s with { PrivateKey = new CertificatePrivateKey { Encoding = "PKCS12" } }), "spec.privateKey.encoding"),
        ["unknown rotation policy"] = (c => c.WithSpec(s => s with { PrivateKey = new CertificatePrivateKey { RotationPolicy = "Sometimes" } }), "spec.privateKey.rotationPolicy"),
        ["unknown usage"] = (c => c.WithSpec(s => s with { Usages = ["flying"] }), "spec.usages[0]"),
        ["revisionHistoryLimit zero"] = (c => c.WithSpec(s => s with { RevisionHistoryLimit = 0 }), "spec.revisionHistoryLimit"),
        ["unknown output format"] = (c => c.WithSpec(s => s with { AdditionalOutputFormats = [new AdditionalOutputFormat { Type = "PFX" }] }), "spec.additionalOutputFormats[0]"),
        ["invalid name"] = (c => c with { Name = "Bad_Name" }, "metadata.name"),
        ["invalid namespace"] = (c => c with { Namespace = "UPPER" }, "metadata.namespace"),
        ["garbage csr"] = (c => c with { Csr = "-----BEGIN CERTIFICATE REQUEST-----\nnot base64 at all\n-----END CERTIFICATE REQUEST-----\n" }, "csr"),
        ["csr names differ from spec"] = (c => c with { Csr = CsrFor("other.test") }, "csr"),
        ["csr with privateKey settings"] = (c => c.WithSpec(s => s with { DnsNames = ["same.test"], CommonName = "same.test", PrivateKey = new CertificatePrivateKey { Algorithm = "RSA" } }) with { Csr = CsrFor("same.test") }, "spec.privateKey"),
    };

    public static IEnumerable<object[]> CaseNames() => Cases.Keys.Select(k => new object[] { k });

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Request_BadInput_RejectedWithFieldAndNothingStored(string @case)
    {
        var (breakIt, field) = Cases[@case];
        var name = "bad-" + Guid.NewGuid().ToString("N")[..8];
        var command = breakIt(Commands.Issue(Namespace, name));
        var client = stack.Bus.CreateRequestClient<IssueCertificate>();

        var response = await client.GetResponse<IssueCertificateAccepted, IssueCertificateRejected>(command);

        Assert.True(response.Is(out Response<IssueCertificateRejected>? rejected), $"{@case} was accepted");
        var errors = rejected!.Message.Errors;
        Assert.True(errors.Any(e => e.Field.StartsWith(field, StringComparison.Ordinal) && e.Message.Length > 0),
            $"{@case}: expected an error on {field}, got: {string.Join(" | ", errors.Select(e => $"{e.Field}: {e.Message}"))}");
        Assert.Equal(0L, await stack.ScalarAsync<long>(
            "SELECT count(*) FROM resources WHERE name = @name OR namespace = @ns AND name LIKE @prefix",
            ("name", command.Name), ("ns", command.Namespace), ("prefix", command.Name + "-%")));
        Assert.Equal(0L, await stack.ScalarAsync<long>("SELECT count(*) FROM resource_events WHERE name = @name", ("name", command.Name)));
    }

    /// <summary>Issue 9 on the bus: what the Api's body and YAML limits cannot stop, Trigger's validation does, naming the limit.</summary>
    static readonly Dictionary<string, (Func<IssueCertificate, IssueCertificate> Break, string Limit)> OverLimits = new()
    {
        ["10,000 dnsNames"] = (c => c.WithSpec(s => s with { DnsNames = [.. Enumerable.Range(0, 10_000).Select(i => $"host-{i}.test")] }), "(limit MaxSubjectAltNames)"),
        ["10,000 invalid dnsNames"] = (c => c.WithSpec(s => s with { DnsNames = [.. Enumerable.Range(0, 10_000).Select(i => $"bad_{i}.test")] }), "limit MaxReported)"),
        // Under the broker's 4 MiB max_message_size (a larger one is refused at publish: tests/CertMesh.Faults.Tests/Limits), over MaxObjectBytes.
        ["2 MB annotation"] = (c => c with { Annotations = new Dictionary<string, string> { ["note"] = new string('a', 2 * 1024 * 1024) } }, "(limit MaxObjectBytes)"),
        ["300 KiB annotation"] = (c => c with { Annotations = new Dictionary<string, string> { ["note"] = new string('a', 300 * 1024) } }, "(limit MaxAnnotationsBytes)"),
        ["200 KB label value"] = (c => c with { Labels = new Dictionary<string, string> { ["team"] = new string('l', 200_000) } }, "(limit MaxLabelValueLength)"),
        ["100 KB csr"] = (c => c with { Csr = new string('A', 100_000) }, "(limit MaxCsrLength)"),
    };

    public static IEnumerable<object[]> OverLimitNames() => OverLimits.Keys.Select(k => new object[] { k });

    [Theory]
    [MemberData(nameof(OverLimitNames))]
    public async Task Request_OverALimit_RejectedNamingItInASmallAnswer(string @case)
    {
        var (breakIt, limit) = OverLimits[@case];
        var command = breakIt(Commands.Issue(Namespace, "limit-" + Guid.NewGuid().ToString("N")[..8]));
        var client = stack.Bus.CreateRequestClient<IssueCertificate>();

        var response = await client.GetResponse<IssueCertificateAccepted, IssueCertificateRejected>(command);

        Assert.True(response.Is(out Response<IssueCertificateRejected>? rejected), $"{@case} was accepted");
        var errors = rejected!.Message.Errors;
        Assert.True(errors.Any(e => e.Message.Contains(limit, StringComparison.Ordinal)),
            $"{@case}: no error names {limit}; {errors.Count} errors, the last: {errors[^1]}");
        Assert.True(errors.Count <= 101 && errors.Sum(e => e.Field.Length + e.Message.Length) < 32 * 1024,
            $"{@case}: {errors.Count} errors, {errors.Sum(e => e.Field.Length + e.Message.Length)} characters");
        Assert.Equal(0L, await stack.ScalarAsync<long>("SELECT count(*) FROM resources WHERE name = @name", ("name", command.Name)));
    }

    [Fact]
    public async Task Request_BadUpdateOfExistingCertificate_RejectedAndStoredSpecUnchanged()
    {
        var good = Commands.Issue(Namespace, "keeps-spec");
        await stack.Bus.Publish(good);
        await stack.Events.WaitForIssuedAsync(Namespace, "keeps-spec");
        const string versionSql = "SELECT resource_version FROM resources WHERE kind = 'Certificate' AND namespace = 'it-bad' AND name = 'keeps-spec'";
        var versionBefore = await stack.ScalarAsync<long>(versionSql);
        var client = stack.Bus.CreateRequestClient<IssueCertificate>();

        var response = await client.GetResponse<IssueCertificateAccepted, IssueCertificateRejected>(good.WithSpec(s => s with { Duration = "10m" }));

        Assert.True(response.Is(out Response<IssueCertificateRejected>? _));
        Assert.Equal(versionBefore, await stack.ScalarAsync<long>(versionSql));
        Assert.Null(await stack.ScalarAsync<string>(
            "SELECT doc->'spec'->>'duration' FROM resources WHERE kind = 'Certificate' AND namespace = 'it-bad' AND name = 'keeps-spec'"));
    }

    static string CsrFor(string dnsName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={dnsName}", key, HashAlgorithmName.SHA256);
        var sans = new SubjectAlternativeNameBuilder();
        sans.AddDnsName(dnsName);
        request.CertificateExtensions.Add(sans.Build());
        return request.CreateSigningRequestPem();
    }
}
