namespace CertMesh.Trigger.Metrics;

/// <summary>
/// <c>CERTMESH_METRICS_CERTIFICATES</c>: <c>per-certificate</c> (default) exports cert-manager's series, one set per
/// Certificate (8 series each); <c>aggregate</c> exports counts per issuer instead, for fleets where that cardinality is
/// too dear (about 8 million series at 1,000,000 certificates).
/// </summary>
public enum CertificateSeriesMode
{
    PerCertificate,
    Aggregate,
}

public static class CertificateSeriesModes
{
    public const string Setting = "CERTMESH_METRICS_CERTIFICATES";

    public static CertificateSeriesMode Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "per-certificate" => CertificateSeriesMode.PerCertificate,
        "aggregate" => CertificateSeriesMode.Aggregate,
        _ => throw new InvalidOperationException($"{Setting}: \"{value}\" is not per-certificate or aggregate"),
    };
}
