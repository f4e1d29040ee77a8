using CertMesh.Contracts;
using CertMesh.Domain.Validation;

namespace CertMesh.Domain.Approval;

/// <summary>
/// A wildcard pattern must be something a request value could match. approver-policy accepts any string; CertMesh
/// refuses the ones that can only be mistakes (empty, control characters, longer than any value it could match) and
/// bounds how many a list may hold, so evaluating a policy stays cheap.
/// </summary>
public static class PatternRules
{
    public const int MaxPatternLength = 1024;
    public const int MaxPatterns = 1000;

    public static IEnumerable<FieldError> Pattern(string field, string? pattern)
    {
        if (pattern is null)
        {
            yield break;
        }
        if (pattern.Length == 0)
        {
            yield return FieldErrors.Invalid(field, pattern, "a wildcard pattern must not be empty (use \"*\" to match anything)");
        }
        else if (pattern.Length > MaxPatternLength)
        {
            yield return FieldErrors.TooLong(field, pattern.Length, MaxPatternLength, "characters", nameof(MaxPatternLength));
        }
        else if (pattern.Any(char.IsControl))
        {
            yield return FieldErrors.Invalid(field, pattern, "a wildcard pattern must not contain control characters");
        }
    }

    public static IEnumerable<FieldError> Patterns(string field, IReadOnlyList<string>? patterns)
    {
        if (patterns is null)
        {
            yield break;
        }
        if (patterns.Count > MaxPatterns)
        {
            yield return FieldErrors.TooMany(field, patterns.Count, MaxPatterns, nameof(MaxPatterns), "patterns");
            yield break;
        }
        for (var i = 0; i < patterns.Count; i++)
        {
            foreach (var error in Pattern(FieldErrors.Index(field, i), patterns[i]))
            {
                yield return error;
            }
        }
    }
}
