using CertMesh.Contracts;
using CertMesh.Domain.Policies;
using CertMesh.Domain.Tests.Support;

namespace CertMesh.Domain.Tests.Policies;

public sealed class SpecHashTests
{
    private static readonly CertificateSpec Base = Commands.Valid().Spec;

    private static readonly Dictionary<string, Func<CertificateSpec, CertificateSpec>> Changes = new()
    {
        ["commonName"] = s => s with { CommonName = "api.example.com" },
        ["dnsNames"] = s => s with { DnsNames = ["web.example.com"] },
        ["ipAddresses"] = s => s with { IpAddresses = ["10.0.0.2"] },
        ["uris"] = s => s with { Uris = ["spiffe://other"] },
        ["emailAddresses"] = s => s with { EmailAddresses = ["dev@example.com"] },
        ["subject"] = s => s with { Subject = s.Subject! with { Organizations = ["Other"] } },
        ["duration"] = s => s with { Duration = "720h" },
        ["usages"] = s => s with { Usages = ["digital signature"] },
        ["isCA"] = s => s with { IsCA = true },
        ["privateKey.algorithm"] = s => s with { PrivateKey = s.PrivateKey! with { Algorithm = "RSA", Size = null } },
        ["privateKey.size"] = s => s with { PrivateKey = s.PrivateKey! with { Size = 256 } },
        ["issuerRef.name"] = s => s with { IssuerRef = s.IssuerRef with { Name = "other" } },
        ["issuerRef.kind"] = s => s with { IssuerRef = s.IssuerRef with { Kind = "ClusterIssuer" } },
        ["issuerRef.group"] = s => s with { IssuerRef = s.IssuerRef with { Group = "example.com" } },
    };

    private static readonly Dictionary<string, Func<CertificateSpec, CertificateSpec>> Irrelevant = new()
    {
        ["secretTemplate"] = s => s with { SecretTemplate = null },
        ["revisionHistoryLimit"] = s => s with { RevisionHistoryLimit = 10 },
        ["renewBefore"] = s => s with { RenewBefore = "100h" },
        ["renewBeforePercentage"] = s => s with { RenewBefore = null, RenewBeforePercentage = 50 },
        ["additionalOutputFormats"] = s => s with { AdditionalOutputFormats = null },
        ["privateKey.encoding"] = s => s with { PrivateKey = s.PrivateKey! with { Encoding = "PKCS1" } },
        ["privateKey.rotationPolicy"] = s => s with { PrivateKey = s.PrivateKey! with { RotationPolicy = "Never" } },
        ["dnsNames reordered, other case"] = s => s with { DnsNames = ["WWW.example.com", "web.example.com"] },
        ["ipAddresses other spelling"] = s => s with { IpAddresses = ["2001:DB8:0::1", "10.0.0.1"] },
        ["duration other spelling"] = s => s with { Duration = "129600m" },
    };

    public static TheoryData<string> ChangedFields => new(Changes.Keys);
    public static TheoryData<string> IrrelevantChanges => new(Irrelevant.Keys);

    [Theory]
    [MemberData(nameof(ChangedFields))]
    public void Compute_FieldThatShapesCertificateChanged_DifferentHash(string field)
    {
        Assert.NotEqual(SpecHash.Compute(Base), SpecHash.Compute(Changes[field](Base)));
    }

    [Theory]
    [MemberData(nameof(IrrelevantChanges))]
    public void Compute_ChangeThatDoesNotShapeCertificate_SameHash(string change)
    {
        Assert.Equal(SpecHash.Compute(Base), SpecHash.Compute(Irrelevant[change](Base)));
    }

    [Fact]
    public void Compute_DefaultsWrittenOut_SameHash()
    {
        var bare = new CertificateSpec { IssuerRef = new IssuerReference { Name = "ca" }, DnsNames = ["a.example.com"] };
        var explicitDefaults = bare with
        {
            Duration = "2160h",
            IssuerRef = new IssuerReference { Name = "ca", Kind = "Issuer", Group = "cert-manager.io" },
            PrivateKey = new CertificatePrivateKey { Algorithm = "ECDSA", Size = 256 },
            Usages = ["key encipherment", "digital signature"],
        };

        Assert.Equal(SpecHash.Compute(bare), SpecHash.Compute(explicitDefaults));
    }

    [Fact]
    public void Compute_OtherCsr_DifferentHash()
    {
        Assert.NotEqual(SpecHash.Compute(Base, TestPki.CsrFor(Base)), SpecHash.Compute(Base, TestPki.CsrFor(Base)));
    }

    [Fact]
    public void Compute_SameCsrRewrapped_SameHash()
    {
        var csr = TestPki.CsrFor(Base);

        Assert.Equal(SpecHash.Compute(Base, csr), SpecHash.Compute(Base, csr.Replace("\n", "\r\n", StringComparison.Ordinal)));
    }

    [Fact]
    public void Compute_Stable_IsLowercaseSha256Hex()
    {
        var hash = SpecHash.Compute(Base);

        Assert.Equal(hash, SpecHash.Compute(Commands.Valid().Spec));
        Assert.Matches("^[0-9a-f]{64}$", hash);
    }
}
