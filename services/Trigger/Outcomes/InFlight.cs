using CertMesh.Domain.Resources;

namespace CertMesh.Trigger.Outcomes;

internal static class InFlight
{
    /// <summary>True while <paramref name="issuanceId"/> is the revision this Certificate (not a re-created namesake) waits for.</summary>
    public static bool Is(Certificate certificate, Guid certificateUid, Guid issuanceId) =>
        certificate.Metadata.Uid == certificateUid && certificate.Status.IssuingId == issuanceId;
}
