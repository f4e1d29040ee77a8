using CertMesh.Contracts;
using CertMesh.Domain.Validation;

namespace CertMesh.Domain.Tests.Validation;

public sealed class CertificateDefaultsTests
{
    [Fact]
    public void Resolve_EmptySpec_CertMeshDefaults()
    {
        var effective = CertificateDefaults.Resolve(new CertificateSpec { IssuerRef = new IssuerReference { Name = "ca" } });

        Assert.Equal(new EffectiveCertificateSettings(
            Duration: TimeSpan.FromDays(90),
            RenewBefore: null,
            RenewBeforePercentage: null,
            KeyAlgorithm: "ECDSA",
            KeySize: 256,
            KeyEncoding: "PKCS1",
            RotationPolicy: "Always",
            RevisionHistoryLimit: 1,
            IssuerName: "ca",
            IssuerKind: "Issuer",
            IssuerGroup: "cert-manager.io",
            Usages: CertificateDefaults.Usages), effective);
        Assert.Equal(["digital signature", "key encipherment"], effective.Usages);
    }

    [Theory]
    [InlineData("RSA", null, 2048)]
    [InlineData("RSA", 4096, 4096)]
    [InlineData("ECDSA", null, 256)]
    [InlineData(null, 384, 384)]
    public void Resolve_KeySize_DefaultsPerAlgorithm(string? algorithm, int? size, int expected)
    {
        var spec = new CertificateSpec { PrivateKey = new CertificatePrivateKey { Algorithm = algorithm, Size = size } };

        Assert.Equal(expected, CertificateDefaults.Resolve(spec).KeySize);
    }

    [Fact]
    public void Resolve_SetValues_Kept()
    {
        var spec = new CertificateSpec { Duration = "1h30m", RenewBefore = "10m", RevisionHistoryLimit = 5, Usages = ["server auth"] };

        var effective = CertificateDefaults.Resolve(spec);

        Assert.Equal((TimeSpan.FromMinutes(90), TimeSpan.FromMinutes(10), 5), (effective.Duration, effective.RenewBefore, effective.RevisionHistoryLimit));
        Assert.Equal(["server auth"], effective.Usages);
    }

    [Fact]
    public void Apply_EmptySpec_WritesDefaultsIn()
    {
        var applied = CertificateDefaults.Apply(new CertificateSpec());

        Assert.Equal("2160h0m0s", applied.Duration);
        Assert.Equal(new CertificatePrivateKey { Algorithm = "ECDSA", Size = 256, Encoding = "PKCS1", RotationPolicy = "Always" }, applied.PrivateKey);
        Assert.Equal(("Issuer", "cert-manager.io", 1), (applied.IssuerRef.Kind, applied.IssuerRef.Group, applied.RevisionHistoryLimit));
    }

    [Fact]
    public void Apply_KeySuppliedByCsr_NoKeySettingsInvented()
    {
        Assert.Null(CertificateDefaults.Apply(new CertificateSpec(), keySuppliedByCsr: true).PrivateKey);
    }

    [Fact]
    public void Resolve_UnparsableDuration_Throws()
    {
        Assert.Throws<FormatException>(() => CertificateDefaults.Resolve(new CertificateSpec { Duration = "90d" }));
    }
}
