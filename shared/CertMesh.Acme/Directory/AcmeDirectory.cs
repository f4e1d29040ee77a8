using System.Text.Json.Serialization;

namespace CertMesh.Acme.Directory;

/// <summary>The CA's directory object (RFC 8555 section 7.1.1), plus ARI's <c>renewalInfo</c> (RFC 9773).</summary>
public sealed record AcmeDirectory
{
    public required Uri NewNonce { get; init; }

    public required Uri NewAccount { get; init; }

    public required Uri NewOrder { get; init; }

    public Uri? NewAuthz { get; init; }

    public Uri? RevokeCert { get; init; }

    public Uri? KeyChange { get; init; }

    /// <summary>Null when the CA does not implement ARI; callers then fall back to their own renewal timing.</summary>
    public Uri? RenewalInfo { get; init; }

    public AcmeDirectoryMeta? Meta { get; init; }
}

/// <summary>The directory's <c>meta</c> object.</summary>
public sealed record AcmeDirectoryMeta
{
    public Uri? TermsOfService { get; init; }

    public Uri? Website { get; init; }

    public IReadOnlyList<string> CaaIdentities { get; init; } = [];

    public bool ExternalAccountRequired { get; init; }

    /// <summary>Certificate profiles the CA offers (name → description), from the ACME profiles draft.</summary>
    [JsonPropertyName("profiles")]
    public IReadOnlyDictionary<string, string>? Profiles { get; init; }
}
