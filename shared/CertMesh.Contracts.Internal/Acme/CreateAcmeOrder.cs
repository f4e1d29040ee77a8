namespace CertMesh.Contracts.Acme;

/// <summary>
/// Issuing asks AcmeOrder for one ACME order for CertificateRequest <c>RequestName</c>. AcmeOrder makes exactly
/// one Order per request (the Order's name is derived from the request's), so a redelivery changes nothing.
/// The CSR is public data; the private key stays with Issuing.
/// </summary>
public sealed record CreateAcmeOrder
{
    /// <summary>The issuance (saga) this order serves; answers carry it back.</summary>
    public Guid IssuanceId { get; init; }
    public string Namespace { get; init; } = "";
    public string CertificateName { get; init; } = "";
    public Guid CertificateUid { get; init; }
    public int Revision { get; init; }
    public string RequestName { get; init; } = "";
    public IssuerReference IssuerRef { get; init; } = new();
    public string CsrPem { get; init; } = "";
    public string? CommonName { get; init; }
    public IReadOnlyList<string> DnsNames { get; init; } = [];
    public IReadOnlyList<string> IpAddresses { get; init; } = [];
    /// <summary>Requested lifetime (Go duration); sent as the order's notAfter only when the issuer enables it.</summary>
    public string? Duration { get; init; }
    /// <summary>The Certificate's labels, for solver selectors with <c>matchLabels</c>.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    /// <summary>0 when Issuing sends it; AcmeOrder re-schedules the same command with a higher attempt after a
    /// transient CA answer (503, rateLimited) at the time its <c>Retry-After</c> names.</summary>
    public int Attempt { get; init; }
}
