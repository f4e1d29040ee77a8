namespace CertMesh.Domain.Renewal;

/// <summary>Failure back-off: <paramref name="Initial"/> after the first failure, doubling up to <paramref name="Max"/>.</summary>
public sealed record BackoffOptions(TimeSpan Initial, TimeSpan Max)
{
    /// <summary>cert-manager's: 1h, 2h, 4h … capped at 32h.</summary>
    public static BackoffOptions Default { get; } = new(TimeSpan.FromHours(1), TimeSpan.FromHours(32));
}
