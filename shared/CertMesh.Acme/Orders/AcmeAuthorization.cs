using System.Text.Json.Serialization;
using CertMesh.Acme.Challenges;

namespace CertMesh.Acme.Orders;

/// <summary>An authorization object (RFC 8555 section 7.1.4) and its URL.</summary>
public sealed record AcmeAuthorization
{
    [JsonIgnore]
    public Uri Location { get; init; } = null!;

    public AcmeIdentifier Identifier { get; init; } = null!;

    public string Status { get; init; } = string.Empty;

    public DateTimeOffset? Expires { get; init; }

    public IReadOnlyList<AcmeChallenge> Challenges { get; init; } = [];

    public bool Wildcard { get; init; }

    [JsonIgnore]
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The challenge of <paramref name="type"/> (e.g. <see cref="ChallengeTypes.Dns01"/>), or null if not offered.</summary>
    public AcmeChallenge? Challenge(string type) => Challenges.FirstOrDefault(c => c.Type == type);
}
