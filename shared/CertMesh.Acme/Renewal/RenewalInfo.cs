using System.Text.Json.Serialization;

namespace CertMesh.Acme.Renewal;

/// <summary>A renewalInfo answer (RFC 9773 section 4.2) and when to ask again.</summary>
public sealed record RenewalInfo
{
    public required RenewalWindow SuggestedWindow { get; init; }

    public Uri? ExplanationUrl { get; init; }

    /// <summary>When the CA wants to be asked again (Retry-After); null when it did not say.</summary>
    [JsonIgnore]
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>RFC 9773 section 4.2: a uniformly random instant in the window, so renewals spread out.</summary>
    public DateTimeOffset PickRenewalTime(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        TimeSpan span = SuggestedWindow.End - SuggestedWindow.Start;
        return span <= TimeSpan.Zero ? SuggestedWindow.Start : SuggestedWindow.Start + (span * random.NextDouble());
    }
}

public sealed record RenewalWindow(DateTimeOffset Start, DateTimeOffset End);
