using System.Globalization;
using CertMesh.Contracts;
using CertMesh.Domain.Durations;

namespace CertMesh.Domain.Approval;

/// <summary>approver-policy's <c>constraints</c> evaluator: duration bounds and the key's algorithm and size, inclusive.</summary>
public static class ConstraintChecks
{
    private const string Path = "spec.constraints";

    public static IReadOnlyList<RequestCheck> All { get; } = [MaxDuration, MinDuration, PrivateKey];

    public static IEnumerable<FieldError> MaxDuration(CertificateRequestPolicySpec policy, RequestFacts request)
    {
        // Validation refuses an unparsable bound at apply; one stored anyway is treated as refusing everything.
        if (policy.Constraints?.MaxDuration is { } text && (!GoDuration.TryParse(text, out var max, out _) || request.Duration > max))
        {
            yield return Violations.Invalid($"{Path}.maxDuration", GoDuration.Format(request.Duration), text);
        }
    }

    public static IEnumerable<FieldError> MinDuration(CertificateRequestPolicySpec policy, RequestFacts request)
    {
        if (policy.Constraints?.MinDuration is { } text && (!GoDuration.TryParse(text, out var min, out _) || request.Duration < min))
        {
            yield return Violations.Invalid($"{Path}.minDuration", GoDuration.Format(request.Duration), text);
        }
    }

    public static IEnumerable<FieldError> PrivateKey(CertificateRequestPolicySpec policy, RequestFacts request)
    {
        if (policy.Constraints?.PrivateKey is not { } key)
        {
            yield break;
        }
        var size = request.KeySize.ToString(CultureInfo.InvariantCulture);
        if (key.Algorithm is { } algorithm && algorithm != request.KeyAlgorithm)
        {
            yield return Violations.Invalid($"{Path}.privateKey.algorithm", request.KeyAlgorithm, algorithm);
        }
        if (key.MaxSize is { } maxSize && request.KeySize > maxSize)
        {
            yield return Violations.Invalid($"{Path}.privateKey.maxSize", size, maxSize.ToString(CultureInfo.InvariantCulture));
        }
        if (key.MinSize is { } minSize && request.KeySize < minSize)
        {
            yield return Violations.Invalid($"{Path}.privateKey.minSize", size, minSize.ToString(CultureInfo.InvariantCulture));
        }
    }
}
