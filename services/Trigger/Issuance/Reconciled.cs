namespace CertMesh.Trigger.Issuance;

/// <summary>What re-evaluating a certificate did.</summary>
internal enum Reconciled
{
    /// <summary>No new revision: none is due, one is in flight, or back-off holds it.</summary>
    Unchanged,
    /// <summary>A new revision is on its way (<c>CertificateIssuanceRequested</c> published).</summary>
    IssuanceStarted,
    /// <summary>A new revision is due but needs a new key its owner holds: <c>CertificateRenewalRequested</c> is (or was already) out.</summary>
    WaitingForOwner,
}
