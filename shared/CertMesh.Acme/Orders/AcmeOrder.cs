using System.Text.Json.Serialization;
using CertMesh.Acme.Problems;

namespace CertMesh.Acme.Orders;

/// <summary>An order object (RFC 8555 section 7.1.3) and the URL it lives at.</summary>
public sealed record AcmeOrder
{
    /// <summary>The order URL (the newOrder response's Location); what to poll.</summary>
    [JsonIgnore]
    public Uri Location { get; init; } = null!;

    public string Status { get; init; } = string.Empty;

    public DateTimeOffset? Expires { get; init; }

    public IReadOnlyList<AcmeIdentifier> Identifiers { get; init; } = [];

    public DateTimeOffset? NotBefore { get; init; }

    public DateTimeOffset? NotAfter { get; init; }

    public AcmeProblem? Error { get; init; }

    public IReadOnlyList<Uri> Authorizations { get; init; } = [];

    public Uri Finalize { get; init; } = null!;

    public Uri? Certificate { get; init; }

    public string? Profile { get; init; }

    public string? Replaces { get; init; }

    /// <summary>The Retry-After the CA sent with this order, if any (used when polling).</summary>
    [JsonIgnore]
    public TimeSpan? RetryAfter { get; init; }
}
