using CertMesh.Domain.Resources;

// In the root namespace: a CertMesh.Domain.Tests.Resources namespace would hide CertMesh.Domain.Resources from the other tests.
namespace CertMesh.Domain.Tests;

public sealed class CertificateConditionsTests
{
    static readonly DateTimeOffset Then = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    static readonly DateTimeOffset Now = Then.AddDays(5);

    [Fact]
    public void Issuing_Renewal_LeavesReadyAlone()
    {
        var conditions = CertificateConditions.Issuing(Ready(), "Renewing", "Renewing certificate as renewal was scheduled", null, Now);

        Assert.Equal((ConditionStatus.True, "Renewing", 3L), Of(conditions, CertificateConditionTypes.Issuing));
        Assert.Equal((ConditionStatus.True, "Ready", 3L), Of(conditions, CertificateConditionTypes.Ready));
        Assert.Equal(Then, Conditions.Find(conditions, CertificateConditionTypes.Ready)!.LastTransitionTime);
    }

    [Fact]
    public void Issuing_SecretGone_TurnsReadyFalseWithItsReason()
    {
        var conditions = CertificateConditions.Issuing(Ready(), "DoesNotExist", "Issuing certificate as Secret does not exist", ("DoesNotExist", "Secret does not exist"), Now);

        var ready = Conditions.Find(conditions, CertificateConditionTypes.Ready)!;
        Assert.Equal((ConditionStatus.False, "DoesNotExist", "Secret does not exist", Now), (ready.Status, ready.Reason, ready.Message, ready.LastTransitionTime));
    }

    [Fact]
    public void Issued_RemovesIssuingAndSetsReady()
    {
        var issuing = Ready() with { Status = new CertificateStatus { Conditions = CertificateConditions.Issuing(Ready(), "Renewing", "r", null, Then) } };

        var conditions = CertificateConditions.Issued(issuing, Now);

        Assert.Null(Conditions.Find(conditions, CertificateConditionTypes.Issuing));
        var ready = Conditions.Find(conditions, CertificateConditionTypes.Ready)!;
        Assert.Equal((ConditionStatus.True, CertificateConditions.ReadyMessage, Then), (ready.Status, ready.Message, ready.LastTransitionTime));
    }

    [Fact]
    public void IssuanceFailed_NeverIssued_NotReadyForTheSameReason()
    {
        var fresh = new Certificate { Metadata = new ObjectMeta { Generation = 1 } };

        var conditions = CertificateConditions.IssuanceFailed(fresh, "IssuerNotFound", "no issuer", Now);

        Assert.Equal((ConditionStatus.False, "Failed", 1L), Of(conditions, CertificateConditionTypes.Issuing));
        Assert.Equal(CertificateConditions.FailureMessage("no issuer"), Conditions.Find(conditions, CertificateConditionTypes.Issuing)!.Message);
        Assert.Equal((ConditionStatus.False, "IssuerNotFound", 1L), Of(conditions, CertificateConditionTypes.Ready));
    }

    [Fact]
    public void IssuanceFailed_AlreadyIssued_StaysReady()
    {
        var conditions = CertificateConditions.IssuanceFailed(Ready(), "Denied", "denied", Now);

        Assert.Equal((ConditionStatus.True, "Ready", 3L), Of(conditions, CertificateConditionTypes.Ready));
    }

    static Certificate Ready() => new()
    {
        Metadata = new ObjectMeta { Generation = 3 },
        Status = new CertificateStatus
        {
            Revision = 1,
            Conditions = [new Condition { Type = CertificateConditionTypes.Ready, Status = ConditionStatus.True, Reason = "Ready", LastTransitionTime = Then, ObservedGeneration = 3 }],
        },
    };

    static (string Status, string Reason, long Generation) Of(IReadOnlyList<Condition> conditions, string type) =>
        Conditions.Find(conditions, type) is { } c ? (c.Status, c.Reason ?? "", c.ObservedGeneration ?? 0) : ("(none)", "", 0);
}
