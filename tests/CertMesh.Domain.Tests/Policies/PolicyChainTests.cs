using CertMesh.Domain.Policies;
using CertMesh.Domain.Resources;
using CertMesh.Domain.Tests.Support;

namespace CertMesh.Domain.Tests.Policies;

public sealed class PolicyChainTests
{
    [Fact]
    public void Evaluate_HealthySecret_NoViolation()
    {
        using var secret = PolicyFixture.Secret();

        Assert.Null(PolicyChain.Default.Evaluate(PolicyFixture.Input(secret)));
    }

    [Fact]
    public void Evaluate_NoSecret_DoesNotExistBeforeAnythingElse()
    {
        Assert.Equal(PolicyReasons.DoesNotExist, PolicyChain.Default.Evaluate(PolicyFixture.Input(null, PolicyFixture.NotAfter.AddDays(1)))?.Reason);
    }

    [Fact]
    public void Evaluate_ExpiredAndDueForRenewal_ExpiredWins()
    {
        using var secret = PolicyFixture.Secret();

        Assert.Equal(PolicyReasons.Expired, PolicyChain.Default.Evaluate(PolicyFixture.Input(secret, PolicyFixture.NotAfter.AddDays(1)))?.Reason);
    }

    [Fact]
    public void Evaluate_WrongIssuerAndExpired_IncorrectIssuerWins()
    {
        var annotations = new Dictionary<string, string> { [SecretAnnotations.IssuerName] = "old" };
        using var secret = PolicyFixture.Secret(annotations: annotations);

        Assert.Equal(PolicyReasons.IncorrectIssuer, PolicyChain.Default.Evaluate(PolicyFixture.Input(secret, PolicyFixture.NotAfter))?.Reason);
    }

    [Fact]
    public void Evaluate_SpecChangedAndDueForRenewal_RequestChangedWins()
    {
        using var secret = PolicyFixture.Secret();
        var certificate = PolicyFixture.Certificate(SpecHash.Compute(PolicyFixture.Spec with { CommonName = "old.example.com" }));

        var violation = PolicyChain.Default.Evaluate(PolicyFixture.Input(secret, TestPki.NotBefore.AddDays(70), certificate));

        Assert.Equal(PolicyReasons.RequestChanged, violation?.Reason);
    }

    [Fact]
    public void Evaluate_Custom_ReturnsFirstViolationAndStops()
    {
        var calls = new List<string>();
        PolicyCheck Pass(string name) => _ => { calls.Add(name); return null; };
        PolicyCheck Fail(string name) => _ => { calls.Add(name); return new PolicyViolation(name, name); };
        var chain = new PolicyChain([Pass("a"), Fail("b"), Fail("c")]);

        var violation = chain.Evaluate(PolicyFixture.Input(null));

        Assert.Equal("b", violation?.Reason);
        Assert.Equal(["a", "b"], calls);
    }

    [Fact]
    public void Default_Order_AsCertManager()
    {
        PolicyCheck[] expected =
        [
            SecretDoesNotExist.Check, SecretMissingData.Check, SecretKeyPairMismatch.Check, SecretIssuerMismatch.Check,
            SpecChanged.Check, SecretContentMismatch.Check, CertificateExpired.Check, CertificateRenewalDue.Check,
        ];

        Assert.Equal(expected.Select(c => c.Method.Name + c.Method.DeclaringType!.Name),
            PolicyChain.Default.Checks.Select(c => c.Method.Name + c.Method.DeclaringType!.Name));
    }

    [Fact]
    public void ManuallyTriggered_IsCertManagerReason()
    {
        Assert.Equal("ManuallyTriggered", PolicyReasons.ManuallyTriggered);
    }
}
