using CertMesh.Contracts;
using CertMesh.Domain.Validation;

namespace CertMesh.Domain.Approval;

/// <summary>
/// A failed check worded as approver-policy words it (Kubernetes field errors): the policy field that refused, the
/// requested value(s) and what the policy allows, e.g.
/// <c>spec.allowed.dnsNames.values: Invalid value: ["evil.example"]: *.team-a.example</c>. Values are quoted through
/// <see cref="ValueExcerpt"/> and a long list is cut short, so a denial message stays small.
/// </summary>
internal static class Violations
{
    private const int ShownValues = 10;

    public static FieldError Invalid(string field, string value, string allowed) =>
        new(field, $"Invalid value: {ValueExcerpt.Quote(value)}: {Allowed(allowed)}");

    public static FieldError Invalid(string field, IReadOnlyList<string> values, string allowed) =>
        new(field, $"Invalid value: {List(values)}: {Allowed(allowed)}");

    public static FieldError Invalid(string field, bool value, string allowed) =>
        new(field, $"Invalid value: {(value ? "true" : "false")}: {allowed}");

    public static FieldError Required(string field) => new(field, "Required value: true");

    public static string Text(FieldError error) => $"{error.Field}: {error.Message}";

    public static string List(IReadOnlyList<string> values)
    {
        var shown = string.Join(", ", values.Take(ShownValues).Select(ValueExcerpt.Quote));
        return values.Count > ShownValues ? $"[{shown}, and {values.Count - ShownValues} more]" : $"[{shown}]";
    }

    private static string Allowed(string allowed) => ValueExcerpt.Short(allowed, 4 * ValueExcerpt.MaxCharacters);
}
