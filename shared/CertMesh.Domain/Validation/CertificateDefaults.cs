using CertMesh.Contracts;
using CertMesh.Domain.Durations;
using CertMesh.Domain.Resources;

namespace CertMesh.Domain.Validation;

/// <summary>
/// Defaults for absent spec fields. They match cert-manager's except the key algorithm: CertMesh defaults to
/// ECDSA P-256 because RSA-2048 generation is ~1000× slower on the BCL and every client supports P-256.
/// Call after validation: unparsable durations throw.
/// </summary>
public static class CertificateDefaults
{
    public static readonly TimeSpan Duration = TimeSpan.FromHours(2160);
    public const string KeyAlgorithm = KeyAlgorithms.Ecdsa;
    public const int RsaKeySize = 2048;
    public const int EcdsaKeySize = 256;
    public const string KeyEncoding = KeyEncodings.Pkcs1;
    public const string RotationPolicy = RotationPolicies.Always;
    public const int RevisionHistoryLimit = 1;
    public const string IssuerKind = ResourceKinds.Issuer;
    public const string IssuerGroup = ResourceKinds.Group;
    public static IReadOnlyList<string> Usages { get; } = [KeyUsages.DigitalSignature, KeyUsages.KeyEncipherment];

    public static EffectiveCertificateSettings Resolve(CertificateSpec spec)
    {
        var algorithm = spec.PrivateKey?.Algorithm ?? KeyAlgorithm;
        return new EffectiveCertificateSettings(
            Duration: spec.Duration is null ? Duration : GoDuration.Parse(spec.Duration),
            RenewBefore: spec.RenewBefore is null ? null : GoDuration.Parse(spec.RenewBefore),
            RenewBeforePercentage: spec.RenewBeforePercentage,
            KeyAlgorithm: algorithm,
            KeySize: spec.PrivateKey?.Size ?? DefaultKeySize(algorithm),
            KeyEncoding: spec.PrivateKey?.Encoding ?? KeyEncoding,
            RotationPolicy: spec.PrivateKey?.RotationPolicy ?? RotationPolicy,
            RevisionHistoryLimit: spec.RevisionHistoryLimit ?? RevisionHistoryLimit,
            IssuerName: spec.IssuerRef.Name,
            IssuerKind: EffectiveIssuerKind(spec.IssuerRef),
            IssuerGroup: EffectiveIssuerGroup(spec.IssuerRef),
            Usages: spec.Usages is { Count: > 0 } usages ? usages : Usages);
    }

    /// <summary>The spec with defaults written in, so a stored Certificate shows what it will get.
    /// With a requester-supplied CSR the key is the requester's, so no key settings are invented.</summary>
    public static CertificateSpec Apply(CertificateSpec spec, bool keySuppliedByCsr = false)
    {
        var effective = Resolve(spec);
        return spec with
        {
            IssuerRef = spec.IssuerRef with { Kind = effective.IssuerKind, Group = effective.IssuerGroup },
            Duration = spec.Duration ?? GoDuration.Format(Duration),
            PrivateKey = keySuppliedByCsr ? spec.PrivateKey : new CertificatePrivateKey
            {
                Algorithm = effective.KeyAlgorithm,
                Size = effective.KeySize,
                Encoding = effective.KeyEncoding,
                RotationPolicy = effective.RotationPolicy,
            },
            Usages = effective.Usages,
            RevisionHistoryLimit = effective.RevisionHistoryLimit,
        };
    }

    public static int DefaultKeySize(string algorithm) => algorithm == KeyAlgorithms.Rsa ? RsaKeySize : EcdsaKeySize;

    public static string EffectiveIssuerKind(IssuerReference issuerRef) =>
        string.IsNullOrEmpty(issuerRef.Kind) ? IssuerKind : issuerRef.Kind;

    public static string EffectiveIssuerGroup(IssuerReference issuerRef) =>
        string.IsNullOrEmpty(issuerRef.Group) ? IssuerGroup : issuerRef.Group;
}
