using System.Security.Cryptography;
using CertMesh.Domain.Policies;
using CertMesh.Domain.Resources;
using CertMesh.Domain.Tests.Support;

namespace CertMesh.Domain.Tests.Policies;

public sealed class SecretChecksTests
{
    [Fact]
    public void SecretDoesNotExist_NoSecret_DoesNotExist()
    {
        Assert.Equal(PolicyReasons.DoesNotExist, SecretDoesNotExist.Check(PolicyFixture.Input(null))?.Reason);
    }

    [Fact]
    public void SecretDoesNotExist_SecretPresent_Passes()
    {
        using var secret = PolicyFixture.Secret();

        Assert.Null(SecretDoesNotExist.Check(PolicyFixture.Input(secret)));
    }

    public static TheoryData<string> BrokenSecrets => new(["no tls.crt", "empty tls.crt", "garbage tls.crt", "key as tls.crt", "no tls.key", "garbage tls.key", "certificate as tls.key"]);

    [Theory]
    [MemberData(nameof(BrokenSecrets))]
    public void SecretMissingData_Broken_MissingData(string broken)
    {
        using var key = TestPki.NewEcdsa();
        using var certificate = TestPki.SelfSigned(key, TestPki.NotBefore, PolicyFixture.NotAfter);
        var crt = certificate.ExportCertificatePem();
        var pkcs8 = key.ExportPkcs8PrivateKeyPem();
        using var secret = broken switch
        {
            "no tls.crt" => PolicyFixture.RawSecret(null, pkcs8),
            "empty tls.crt" => PolicyFixture.RawSecret("", pkcs8),
            "garbage tls.crt" => PolicyFixture.RawSecret("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----", pkcs8),
            "key as tls.crt" => PolicyFixture.RawSecret(pkcs8, pkcs8),
            "no tls.key" => PolicyFixture.RawSecret(crt, null),
            "garbage tls.key" => PolicyFixture.RawSecret(crt, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"),
            _ => PolicyFixture.RawSecret(crt, crt),
        };

        var violation = SecretMissingData.Check(PolicyFixture.Input(secret));

        Assert.Equal(PolicyReasons.MissingData, violation?.Reason);
        Assert.Contains(broken.Contains("tls.crt") ? "tls.crt" : "tls.key", violation!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PKCS8")]
    [InlineData("SEC1")]
    public void SecretMissingData_EcdsaKeyEncodings_Pass(string encoding)
    {
        using var key = TestPki.NewEcdsa();
        using var certificate = TestPki.SelfSigned(key, TestPki.NotBefore, PolicyFixture.NotAfter);
        using var secret = PolicyFixture.RawSecret(certificate.ExportCertificatePem(),
            encoding == "PKCS8" ? key.ExportPkcs8PrivateKeyPem() : key.ExportECPrivateKeyPem());

        Assert.Null(SecretMissingData.Check(PolicyFixture.Input(secret)));
    }

    [Fact]
    public void SecretMissingData_SuppliedCsrAndNoKey_Passes()
    {
        using var key = TestPki.NewEcdsa();
        using var certificate = TestPki.SelfSigned(key, TestPki.NotBefore, PolicyFixture.NotAfter);
        using var secret = PolicyFixture.RawSecret(certificate.ExportCertificatePem(), null);
        var withCsr = PolicyFixture.Certificate() with { SuppliedCsr = TestPki.CsrFor(PolicyFixture.Spec, key) };

        Assert.Null(SecretMissingData.Check(PolicyFixture.Input(secret, certificate: withCsr)));
    }

    [Fact]
    public void SecretKeyPairMismatch_OtherKey_InvalidKeyPair()
    {
        using var other = TestPki.NewEcdsa();
        using var secret = PolicyFixture.Secret(storedKey: other);

        Assert.Equal(PolicyReasons.InvalidKeyPair, SecretKeyPairMismatch.Check(PolicyFixture.Input(secret))?.Reason);
    }

    [Fact]
    public void SecretKeyPairMismatch_RsaCertificateEcdsaKey_InvalidKeyPair()
    {
        using var ecdsa = TestPki.NewEcdsa();
        using var secret = PolicyFixture.Secret(certificateKey: TestPki.Rsa, storedKey: ecdsa);

        Assert.Equal(PolicyReasons.InvalidKeyPair, SecretKeyPairMismatch.Check(PolicyFixture.Input(secret))?.Reason);
    }

    [Fact]
    public void SecretKeyPairMismatch_MatchingEcdsa_Passes()
    {
        using var secret = PolicyFixture.Secret();

        Assert.Null(SecretKeyPairMismatch.Check(PolicyFixture.Input(secret)));
    }

    [Fact]
    public void SecretKeyPairMismatch_MatchingRsaPkcs1_Passes()
    {
        using var certificate = TestPki.SelfSigned(TestPki.Rsa, TestPki.NotBefore, PolicyFixture.NotAfter);
        using var secret = PolicyFixture.RawSecret(certificate.ExportCertificatePem(), TestPki.Rsa.ExportRSAPrivateKeyPem());

        Assert.IsAssignableFrom<RSA>(secret.PrivateKey);
        Assert.Null(SecretKeyPairMismatch.Check(PolicyFixture.Input(secret)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void SecretKeyPairMismatch_SuppliedCsr_ComparesWithCsrKey(bool sameKey)
    {
        using var csrKey = TestPki.NewEcdsa();
        using var otherKey = TestPki.NewEcdsa();
        using var certificate = TestPki.SelfSigned(sameKey ? csrKey : otherKey, TestPki.NotBefore, PolicyFixture.NotAfter);
        using var secret = PolicyFixture.RawSecret(certificate.ExportCertificatePem(), null);
        var withCsr = PolicyFixture.Certificate() with { SuppliedCsr = TestPki.CsrFor(PolicyFixture.Spec, csrKey) };

        var violation = SecretKeyPairMismatch.Check(PolicyFixture.Input(secret, certificate: withCsr));

        Assert.Equal(sameKey ? null : PolicyReasons.InvalidKeyPair, violation?.Reason);
    }

    public static TheoryData<string, string, string, string?> IssuerAnnotations => new()
    {
        // name, kind, group annotations → expected reason
        { "ca-issuer", "Issuer", "cert-manager.io", null },
        { "ca-issuer", "", "", null },
        { "other", "Issuer", "cert-manager.io", PolicyReasons.IncorrectIssuer },
        { "ca-issuer", "ClusterIssuer", "cert-manager.io", PolicyReasons.IncorrectIssuer },
        { "ca-issuer", "Issuer", "example.com", PolicyReasons.IncorrectIssuer },
        { "", "", "", PolicyReasons.IncorrectIssuer },
    };

    [Theory]
    [MemberData(nameof(IssuerAnnotations))]
    public void SecretIssuerMismatch_Annotations_Table(string name, string kind, string group, string? reason)
    {
        var annotations = new Dictionary<string, string>
        {
            [SecretAnnotations.IssuerName] = name,
            [SecretAnnotations.IssuerKind] = kind,
            [SecretAnnotations.IssuerGroup] = group,
        };
        using var secret = PolicyFixture.Secret(annotations: annotations);

        Assert.Equal(reason, SecretIssuerMismatch.Check(PolicyFixture.Input(secret))?.Reason);
    }

    [Fact]
    public void SecretIssuerMismatch_OtherIssuer_MessageNamesPreviousIssuer()
    {
        var annotations = new Dictionary<string, string> { [SecretAnnotations.IssuerName] = "letsencrypt", [SecretAnnotations.IssuerKind] = "ClusterIssuer" };
        using var secret = PolicyFixture.Secret(annotations: annotations);

        var violation = SecretIssuerMismatch.Check(PolicyFixture.Input(secret));

        Assert.Equal("Issuing certificate as Secret was previously issued by ClusterIssuer.cert-manager.io/letsencrypt", violation?.Message);
    }
}
