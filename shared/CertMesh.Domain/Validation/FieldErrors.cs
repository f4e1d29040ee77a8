using CertMesh.Contracts;

namespace CertMesh.Domain.Validation;

/// <summary>Error messages worded as Kubernetes' field errors ("Required value", "Unsupported value: …"), which
/// cert-manager users already read in <c>kubectl apply</c> output.</summary>
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

    private static string Quote(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };
}
