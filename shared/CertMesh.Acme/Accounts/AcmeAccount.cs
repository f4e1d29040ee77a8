using System.Text.Json.Serialization;

namespace CertMesh.Acme.Accounts;

/// <summary>An account object (RFC 8555 section 7.1.2) and its URL, which is the JWS <c>kid</c> from then on.</summary>
public sealed record AcmeAccount
{
    [JsonIgnore]
    public Uri Location { get; init; } = null!;

    public string Status { get; init; } = string.Empty;

    public IReadOnlyList<string> Contact { get; init; } = [];

    public bool? TermsOfServiceAgreed { get; init; }

    public Uri? Orders { get; init; }
}
