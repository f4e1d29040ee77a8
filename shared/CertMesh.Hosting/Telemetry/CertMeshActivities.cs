using System.Diagnostics;

namespace CertMesh.Hosting.Telemetry;

/// <summary>
/// CertMesh's own spans, where no library makes one: an outbox row going out (the hop between a consumer's commit and
/// the broker) and a renewal the sweeper starts (the root of that issuance's trace).
/// </summary>
public static class CertMeshActivities
{
    public const string SourceName = "CertMesh";

    public static readonly ActivitySource Source = new(SourceName);
}
