using CertMesh.Contracts;

namespace CertMesh.Domain.Validation;

/// <summary>Error messages worded as Kubernetes' field errors ("Required value", "Unsupported value: …"), which
/// cert-manager users already read in <c>kubectl apply</c> output. Values are quoted through <see cref="ValueExcerpt"/>,
/// so a long bad value appears as a short prefix; a limit's error names the limit.</summary>
public static class FieldErrors
{
    public static string Index(string field, int index) => $"{field}[{index}]";

    public static FieldError Required(string field, string? detail = null) =>
        new(field, detail is null ? "Required value" : $"Required value: {detail}");

    public static FieldError Invalid(string field, object? value, string detail) =>
        new(field, $"Invalid value: {Quote(value)}: {detail}");

    public static FieldError Unsupported(string field, string? value, IEnumerable<string> supported, string? detail = null) =>
        new(field, $"Unsupported value: {Quote(value)}: supported values: {string.Join(", ", supported.Select(Quote))}" +
                   (detail is null ? "" : $" ({detail})"));

    public static FieldError Duplicate(string field, string? value) => new(field, $"Duplicate value: {Quote(value)}");

    public static FieldError Forbidden(string field, string detail) => new(field, $"Forbidden: {detail}");

    public static FieldError NotFound(string field, string detail) => new(field, $"Not found: {detail}");

    /// <summary>Kubernetes' "Too many" for a list over a limit, naming the limit (<c>MaxSubjectAltNames</c>).</summary>
    public static FieldError TooMany(string field, int count, int max, string limit, string what = "items") =>
        new(field, $"Too many: {count}: must have at most {max} {what} (limit {limit})");

    /// <summary>Kubernetes' "Too long" for a value or a total over a size limit, naming the limit.</summary>
    public static FieldError TooLong(string field, long actual, long max, string unit, string limit) =>
        new(field, $"Too long: must have at most {max} {unit}, got {actual} (limit {limit})");

    /// <summary>At most <paramref name="max"/> errors, and one more saying how many were left out: a response about
    /// 10,000 bad names stays small. The rest are still counted (cheap), never kept.</summary>
    public static List<FieldError> Capped(IEnumerable<FieldError> errors, int max = MaxReported)
    {
        var kept = new List<FieldError>();
        var more = 0;
        foreach (var error in errors)
        {
            if (kept.Count < max)
            {
                kept.Add(error);
            }
            else
            {
                more++;
            }
        }
        if (more > 0)
        {
            kept.Add(NotShown(more, max));
        }
        return kept;
    }

    /// <summary>How many errors one answer reports.</summary>
    public const int MaxReported = 100;

    /// <summary>The line that stands for the errors left out of an answer.</summary>
    public static FieldError NotShown(int more, int max = MaxReported) =>
        new("", $"{more} more errors not shown (at most {max} are reported; limit {nameof(MaxReported)})");

    private static string Quote(object? value) => value switch
    {
        null => "null",
        string s => ValueExcerpt.Quote(s),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };
}
