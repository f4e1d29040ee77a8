namespace CertMesh.Domain.Validation;

/// <summary>A Certificate spec with every default filled in: what the services actually act on.</summary>
public sealed record EffectiveCertificateSettings(
    TimeSpan Duration,
    TimeSpan? RenewBefore,
    int? RenewBeforePercentage,
    string KeyAlgorithm,
    int KeySize,
    string KeyEncoding,
    string RotationPolicy,
    int RevisionHistoryLimit,
    string IssuerName,
    string IssuerKind,
    string IssuerGroup,
    IReadOnlyList<string> Usages);
