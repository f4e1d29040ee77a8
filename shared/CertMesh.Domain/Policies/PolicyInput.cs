using CertMesh.Domain.Resources;

namespace CertMesh.Domain.Policies;

/// <summary>Everything the checks look at; the caller loads and parses, the checks stay pure.</summary>
public sealed record PolicyInput
{
    public required Certificate Certificate { get; init; }
    /// <summary>The current Secret, parsed; null when there is no Secret.</summary>
    public SecretContents? Secret { get; init; }
    public DateTimeOffset Now { get; init; }
    /// <summary>Hash of the spec the current Secret was issued for; null when unknown (e.g. a Secret issued elsewhere).</summary>
    public string? IssuedSpecHash { get; init; }

    public static PolicyInput Create(Certificate certificate, SecretContents? secret, DateTimeOffset now) => new()
    {
        Certificate = certificate,
        Secret = secret,
        Now = now,
        IssuedSpecHash = certificate.Status.IssuedSpecHash,
    };
}
