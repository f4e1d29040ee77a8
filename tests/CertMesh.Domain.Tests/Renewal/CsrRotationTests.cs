using CertMesh.Contracts;
using CertMesh.Domain.Policies;
using CertMesh.Domain.Renewal;
using CertMesh.Domain.Resources;
using CertMesh.Domain.Tests.Support;
using CertMesh.Domain.Validation;

namespace CertMesh.Domain.Tests.Renewal;

public sealed class CsrRotationTests
{
    static readonly DateTimeOffset Now = TestPki.NotBefore;

    [Theory]
    [InlineData(PolicyReasons.Renewing)]
    [InlineData(PolicyReasons.Expired)]
    [InlineData(PolicyReasons.ManuallyTriggered)]
    public void NeedsNewKey_AlwaysAndCurrentCsrIssued_True(string reason)
    {
        Assert.True(CsrRotation.NeedsNewKey(Issued(RotationPolicies.Always), reason));
    }

    [Theory]
    [InlineData(RotationPolicies.Never)]
    [InlineData(null)]
    public void NeedsNewKey_NeverOrUnset_FalseSoTheCsrIsReSigned(string? policy)
    {
        Assert.False(CsrRotation.NeedsNewKey(Issued(policy), PolicyReasons.Renewing));
    }

    [Fact]
    public void NeedsNewKey_CsrNotIssuedYet_FalseSoTheOwnersAnswerIsSigned()
    {
        var certificate = Issued(RotationPolicies.Always) with { SuppliedCsr = TestPki.CsrFor(Spec(RotationPolicies.Always)) };

        Assert.False(CsrRotation.NeedsNewKey(certificate, PolicyReasons.Expired));
    }

    [Theory]
    [InlineData(PolicyReasons.DoesNotExist)]
    [InlineData(PolicyReasons.SecretMismatch)]
    [InlineData(PolicyReasons.IncorrectIssuer)]
    public void NeedsNewKey_SecretOrIssuerReasons_FalseSoTheCurrentKeyIsReSigned(string reason)
    {
        Assert.False(CsrRotation.NeedsNewKey(Issued(RotationPolicies.Always), reason));
    }

    [Fact]
    public void NeedsNewKey_KeyGeneratedByCertMesh_False()
    {
        Assert.False(CsrRotation.NeedsNewKey(Issued(RotationPolicies.Always) with { SuppliedCsr = null }, PolicyReasons.Renewing));
    }

    [Fact]
    public void RefuseOldKey_AnswerFromTheCertifiedKey_RefusedOnCsr()
    {
        using var key = TestPki.NewEcdsa();
        var current = Asked(TestPki.CsrFor(Spec(RotationPolicies.Always), key));
        var answer = Command(TestPki.CsrFor(Spec(RotationPolicies.Always) with { Subject = new X509Subject { Organizations = ["same key"] } }, key));

        var error = CsrRotation.RefuseOldKey(current, answer);

        Assert.NotNull(error);
        Assert.Equal("csr", error.Field);
        Assert.Contains("already certified (revision 1)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefuseOldKey_AnswerFromANewKey_Accepted()
    {
        var current = Asked(TestPki.CsrFor(Spec(RotationPolicies.Always)));

        Assert.Null(CsrRotation.RefuseOldKey(current, Command(TestPki.CsrFor(Spec(RotationPolicies.Always)))));
    }

    [Fact]
    public void RefuseOldKey_SameCsrResent_AcceptedAsNoChange()
    {
        var current = Asked(TestPki.CsrFor(Spec(RotationPolicies.Always)));

        Assert.Null(CsrRotation.RefuseOldKey(current, Command(current.SuppliedCsr!)));
    }

    [Fact]
    public void RefuseOldKey_NothingAsked_Accepted()
    {
        using var key = TestPki.NewEcdsa();
        var current = Asked(TestPki.CsrFor(Spec(RotationPolicies.Always), key)) with { Status = new CertificateStatus { Revision = 1 } };

        Assert.Null(CsrRotation.RefuseOldKey(current, Command(TestPki.CsrFor(Spec(RotationPolicies.Always) with { Subject = new X509Subject { Organizations = ["o"] } }, key))));
    }

    [Fact]
    public void Validate_CsrWithRotationPolicyOnly_Valid()
    {
        var command = Commands.ValidWithCsr();
        command = command with { Spec = command.Spec with { PrivateKey = new CertificatePrivateKey { RotationPolicy = RotationPolicies.Always } } };

        Assert.Empty(CertificateValidator.Validate(command, Commands.CaIssuer));
    }

    static CertificateSpec Spec(string? policy) => new()
    {
        SecretName = "web-tls",
        CommonName = "web.example.com",
        DnsNames = ["web.example.com"],
        IssuerRef = new IssuerReference { Name = "ca", Kind = "ClusterIssuer" },
        PrivateKey = policy is null ? null : new CertificatePrivateKey { RotationPolicy = policy },
    };

    /// <summary>A CSR-mode certificate whose revision 1 was issued from its current CSR.</summary>
    static Certificate Issued(string? policy)
    {
        var spec = Spec(policy);
        var csr = TestPki.CsrFor(spec);
        return new Certificate
        {
            Spec = spec,
            SuppliedCsr = csr,
            Status = new CertificateStatus { Revision = 1, IssuedSpecHash = SpecHash.Compute(spec, csr) },
        };
    }

    /// <summary>Revision 1 issued from <paramref name="csr"/>, and its owner asked for a new key.</summary>
    static Certificate Asked(string csr)
    {
        var spec = Spec(RotationPolicies.Always);
        return new Certificate
        {
            Spec = spec,
            SuppliedCsr = csr,
            Status = new CertificateStatus
            {
                Revision = 1,
                IssuedSpecHash = SpecHash.Compute(spec, csr),
                CsrRequest = new CsrRequestStatus { Reason = PolicyReasons.Renewing, Attempts = 1, FirstRequestTime = Now, LastRequestTime = Now, NextRequestTime = Now.AddMinutes(1) },
            },
        };
    }

    static IssueCertificate Command(string csr) => new() { Namespace = "default", Name = "web", Spec = Spec(RotationPolicies.Always), Csr = csr };
}
