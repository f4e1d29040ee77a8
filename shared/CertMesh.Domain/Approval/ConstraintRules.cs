using CertMesh.Contracts;
using CertMesh.Domain.Durations;
using CertMesh.Domain.Validation;

namespace CertMesh.Domain.Approval;

/// <summary><c>spec.constraints</c>: Go durations, non-negative, min not above max; a known key algorithm and sizes.</summary>
public static class ConstraintRules
{
    private const string Path = "spec.constraints";
    public const int MaxKeySize = 8192;

    public static IReadOnlyList<string> Algorithms { get; } = [KeyAlgorithms.Rsa, KeyAlgorithms.Ecdsa, KeyAlgorithms.Ed25519];

    public static IEnumerable<FieldError> Durations(CertificateRequestPolicy policy)
    {
        var constraints = policy.Spec.Constraints;
        var errors = new List<FieldError>();
        var min = Duration($"{Path}.minDuration", constraints?.MinDuration, errors);
        var max = Duration($"{Path}.maxDuration", constraints?.MaxDuration, errors);
        if (min is { } lower && max is { } upper && upper < lower)
        {
            errors.Add(FieldErrors.Invalid($"{Path}.maxDuration", constraints!.MaxDuration,
                $"maxDuration must be the same value as minDuration ({GoDuration.Format(lower)}) or larger"));
        }
        return errors;
    }

    public static IEnumerable<FieldError> PrivateKey(CertificateRequestPolicy policy)
    {
        if (policy.Spec.Constraints?.PrivateKey is not { } key)
        {
            yield break;
        }
        var field = $"{Path}.privateKey";
        if (key.Algorithm is { } algorithm && !Algorithms.Contains(algorithm))
        {
            yield return FieldErrors.Unsupported($"{field}.algorithm", algorithm, Algorithms, "values are case-sensitive");
        }
        if (key.Algorithm == KeyAlgorithms.Ed25519)
        {
            if (key.MinSize is { } minSize)
            {
                yield return FieldErrors.Invalid($"{field}.minSize", minSize, "minSize cannot be defined with algorithm constraint Ed25519");
            }
            if (key.MaxSize is { } maxSize)
            {
                yield return FieldErrors.Invalid($"{field}.maxSize", maxSize, "maxSize cannot be defined with algorithm constraint Ed25519");
            }
        }
        foreach (var (name, size) in new[] { ("minSize", key.MinSize), ("maxSize", key.MaxSize) })
        {
            if (size is < 0 or > MaxKeySize)
            {
                yield return FieldErrors.Invalid($"{field}.{name}", size, $"must be between 0 and {MaxKeySize} inclusive");
            }
        }
        if (key.MinSize is { } min && key.MaxSize is { } max && max < min)
        {
            yield return FieldErrors.Invalid($"{field}.maxSize", max, "maxSize must be the same value as minSize or larger");
        }
    }

    private static TimeSpan? Duration(string field, string? text, List<FieldError> errors)
    {
        if (text is null)
        {
            return null;
        }
        if (!GoDuration.TryParse(text, out var value, out var error))
        {
            errors.Add(FieldErrors.Invalid(field, text, error));
            return null;
        }
        if (value < TimeSpan.Zero)
        {
            errors.Add(FieldErrors.Invalid(field, text, "must be a value greater or equal to 0"));
            return null;
        }
        return value;
    }
}
