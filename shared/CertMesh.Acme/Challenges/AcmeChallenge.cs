using CertMesh.Acme.Problems;

namespace CertMesh.Acme.Challenges;

/// <summary>A challenge object (RFC 8555 section 7.1.5).</summary>
public sealed record AcmeChallenge
{
    public string Type { get; init; } = string.Empty;

    public Uri Url { get; init; } = null!;

    public string Status { get; init; } = string.Empty;

    public string Token { get; init; } = string.Empty;

    public DateTimeOffset? Validated { get; init; }

    public AcmeProblem? Error { get; init; }
}
