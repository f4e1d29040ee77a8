namespace CertMesh.Contracts;

/// <summary>The desired certificate, with cert-manager's <c>Certificate.spec</c> field names and meanings.</summary>
public sealed record CertificateSpec
{
    public string SecretName { get; init; } = "";
    public IssuerReference IssuerRef { get; init; } = new();
    public string? CommonName { get; init; }
    public IReadOnlyList<string>? DnsNames { get; init; }
    public IReadOnlyList<string>? IpAddresses { get; init; }
    public IReadOnlyList<string>? Uris { get; init; }
    public IReadOnlyList<string>? EmailAddresses { get; init; }
    public X509Subject? Subject { get; init; }
    /// <summary>Go duration syntax as in cert-manager, e.g. <c>2160h</c>, <c>59m50s</c>. Default 90 days.</summary>
    public string? Duration { get; init; }
    public string? RenewBefore { get; init; }
    public int? RenewBeforePercentage { get; init; }
    public CertificatePrivateKey? PrivateKey { get; init; }
    public IReadOnlyList<string>? Usages { get; init; }
    public bool IsCA { get; init; }
    public int? RevisionHistoryLimit { get; init; }
    public SecretTemplate? SecretTemplate { get; init; }
    public IReadOnlyList<AdditionalOutputFormat>? AdditionalOutputFormats { get; init; }
}
