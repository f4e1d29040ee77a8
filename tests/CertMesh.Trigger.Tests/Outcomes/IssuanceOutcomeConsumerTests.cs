using CertMesh.Contracts;
using CertMesh.Contracts.Issuance;
using CertMesh.Domain.Renewal;
using CertMesh.Domain.Resources;
using MassTransit;

namespace CertMesh.Trigger.Tests.Outcomes;

public sealed class IssuanceOutcomeConsumerTests
{
    static readonly DateTimeOffset NotBefore = OutcomeHarness.Now.AddMinutes(-1);
    static readonly DateTimeOffset NotAfter = NotBefore.AddDays(90);

    [Fact]
    public async Task IssuanceSucceeded_InFlight_RecordsReadyThenAnnouncesCertificateIssued()
    {
        await using var trigger = await OutcomeHarness.StartAsync();
        var certificate = Issuing(revision: 2, previous: 1);
        trigger.Ledger.Put(certificate);

        await trigger.DeliverAsync(Succeeded(certificate));

        var stored = trigger.Ledger.Get(certificate);
        var status = stored.Document.Status;
        var renewal = NotBefore.AddDays(60); // two thirds of 90 days, cert-manager's default
        Assert.Equal((2, (int?)null, (Guid?)null, (int?)null), (status.Revision!.Value, status.IssuingRevision, status.IssuingId, status.FailedIssuanceAttempts));
        Assert.Equal((NotBefore, NotAfter, renewal, "hash-7"), (status.NotBefore!.Value, status.NotAfter!.Value, status.RenewalTime!.Value, status.IssuedSpecHash));
        Assert.Equal(renewal, stored.DueAt);
        Assert.Null(Conditions.Find(status.Conditions, CertificateConditionTypes.Issuing));
        var ready = Conditions.Find(status.Conditions, CertificateConditionTypes.Ready)!;
        Assert.Equal((ConditionStatus.True, "Ready", 7L), (ready.Status, ready.Reason, ready.ObservedGeneration));
        Assert.Contains(trigger.Ledger.Events, e => e.Type == EventTypes.Normal && e.Reason == "Issuing");
        Assert.True(await trigger.Harness.Published.Any<CertificateIssued>(m => m.Context.Message.Revision == 2 && m.Context.Message.RenewalTime == renewal));
    }

    [Fact]
    public async Task IssuanceSucceeded_Redelivered_RecordsOnceAndAnnouncesOnce()
    {
        await using var trigger = await OutcomeHarness.StartAsync();
        var certificate = Issuing(revision: 1);
        trigger.Ledger.Put(certificate);

        await trigger.DeliverAsync(Succeeded(certificate));
        await trigger.DeliverAsync(Succeeded(certificate));

        Assert.Equal(2, trigger.Ledger.Get(certificate).ResourceVersion);
        Assert.Single(trigger.Harness.Published.Select<CertificateIssued>());
    }

    [Fact]
    public async Task IssuanceSucceeded_CertificateRecreatedMeanwhile_ChangesNothing()
    {
        await using var trigger = await OutcomeHarness.StartAsync();
        var certificate = Issuing(revision: 1);
        trigger.Ledger.Put(certificate);

        await trigger.DeliverAsync(Succeeded(certificate) with { CertificateUid = Guid.NewGuid() });

        Assert.Equal(certificate, trigger.Ledger.Get(certificate).Document);
        Assert.Empty(trigger.Harness.Published.Select<CertificateIssued>());
    }

    [Fact]
    public async Task IssuanceFailed_NeverIssued_NotReadyWithTheReasonAndBackedOff()
    {
        await using var trigger = await OutcomeHarness.StartAsync();
        var certificate = Issuing(revision: 1);
        trigger.Ledger.Put(certificate);

        await trigger.DeliverAsync(Failed(certificate, "IssuerNotFound", "Referenced \"Issuer\" not found"));

        var stored = trigger.Ledger.Get(certificate);
        var status = stored.Document.Status;
        var next = Backoff.Default.NextAttempt(1, OutcomeHarness.Now);
        Assert.Equal((1, (int?)null, OutcomeHarness.Now), (status.FailedIssuanceAttempts!.Value, status.IssuingRevision, status.LastFailureTime!.Value));
        Assert.Equal(next, stored.DueAt);
        var issuing = Conditions.Find(status.Conditions, CertificateConditionTypes.Issuing)!;
        Assert.Equal((ConditionStatus.False, "Failed"), (issuing.Status, issuing.Reason));
        Assert.EndsWith("Referenced \"Issuer\" not found", issuing.Message);
        var ready = Conditions.Find(status.Conditions, CertificateConditionTypes.Ready)!;
        Assert.Equal((ConditionStatus.False, "IssuerNotFound"), (ready.Status, ready.Reason));
        Assert.Contains(trigger.Ledger.Events, e => e.Type == EventTypes.Warning && e.Reason == "Failed");
        Assert.True(await trigger.Harness.Published.Any<CertificateIssuanceFailed>(m => m.Context.Message.FailedIssuanceAttempts == 1 && m.Context.Message.NextAttemptAt == next));
    }

    [Fact]
    public async Task IssuanceFailed_RenewalOfAnIssuedCertificate_StaysReady()
    {
        await using var trigger = await OutcomeHarness.StartAsync();
        var certificate = Issuing(revision: 4, previous: 3);
        trigger.Ledger.Put(certificate);

        await trigger.DeliverAsync(Failed(certificate, "Denied", "The CertificateRequest was denied"));

        var ready = Conditions.Find(trigger.Ledger.Get(certificate).Document.Status.Conditions, CertificateConditionTypes.Ready)!;
        Assert.Equal(ConditionStatus.True, ready.Status);
    }

    [Fact]
    public async Task IssuanceFailed_AnotherIssuanceInFlight_ChangesNothing()
    {
        await using var trigger = await OutcomeHarness.StartAsync();
        var certificate = Issuing(revision: 1);
        trigger.Ledger.Put(certificate);

        await trigger.DeliverAsync(Failed(certificate, "Failed", "late") with { IssuanceId = NewId.NextGuid() });

        Assert.Equal(1, trigger.Ledger.Get(certificate).ResourceVersion);
        Assert.Empty(trigger.Harness.Published.Select<CertificateIssuanceFailed>());
    }

    /// <summary>A certificate whose revision <paramref name="revision"/> is in flight, after <paramref name="previous"/> (ready) if any.</summary>
    static Certificate Issuing(int revision, int? previous = null)
    {
        var conditions = new List<Condition>
        {
            new() { Type = CertificateConditionTypes.Issuing, Status = ConditionStatus.True, Reason = "Renewing", LastTransitionTime = NotBefore, ObservedGeneration = 7 },
        };
        if (previous is not null)
            conditions.Add(new Condition { Type = CertificateConditionTypes.Ready, Status = ConditionStatus.True, Reason = "Ready", LastTransitionTime = NotBefore, ObservedGeneration = 7 });
        return new Certificate
        {
            Metadata = new ObjectMeta { Namespace = "shop", Name = "checkout", Uid = Guid.NewGuid(), Generation = 7 },
            Spec = new CertificateSpec { SecretName = "checkout-tls", DnsNames = ["checkout.shop.test"], IssuerRef = new IssuerReference { Name = "ca" } },
            Status = new CertificateStatus { Conditions = conditions, Revision = previous, IssuingRevision = revision, IssuingId = NewId.NextGuid() },
        };
    }

    static IssuanceSucceeded Succeeded(Certificate certificate) => new()
    {
        IssuanceId = certificate.Status.IssuingId!.Value,
        CertificateUid = certificate.Metadata.Uid,
        Namespace = "shop",
        Name = "checkout",
        Revision = certificate.Status.IssuingRevision!.Value,
        Generation = 7,
        SpecHash = "hash-7",
        SecretName = "checkout-tls",
        SerialNumber = "01",
        NotBefore = NotBefore,
        NotAfter = NotAfter,
        CertificatePem = "-----BEGIN CERTIFICATE-----",
    };

    static IssuanceFailed Failed(Certificate certificate, string reason, string message) => new()
    {
        IssuanceId = certificate.Status.IssuingId!.Value,
        CertificateUid = certificate.Metadata.Uid,
        Namespace = "shop",
        Name = "checkout",
        Revision = certificate.Status.IssuingRevision!.Value,
        Generation = 7,
        Reason = reason,
        Message = message,
    };
}
