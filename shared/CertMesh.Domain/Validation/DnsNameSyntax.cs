namespace CertMesh.Domain.Validation;

/// <summary>
/// What makes a dnsNames entry unusable in a certificate (RFC 1035 host names, RFC 6125 wildcards).
/// Every problem of a name is reported, so one round trip fixes it.
/// </summary>
public static class DnsNameSyntax
{
    public const int MaxLength = 253;
    public const int MaxLabelLength = 63;

    public static bool IsWildcard(string name) => name.StartsWith("*.", StringComparison.Ordinal);

    public static IReadOnlyList<string> Errors(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return ["must not be empty"];
        }
        if (name == "*")
        {
            return ["'*' alone is not a valid DNS name; a wildcard covers one label of a domain, e.g. '*.example.com'"];
        }
        var errors = new List<string>();
        if (name.Length > MaxLength)
        {
            errors.Add($"must be no more than {MaxLength} characters, got {name.Length}");
        }
        var labels = name.Split('.');
        if (labels.Any(l => l.Length == 0))
        {
            errors.Add("must not contain empty labels (a leading, trailing or double dot)");
        }
        for (var i = 0; i < labels.Length; i++)
        {
            var label = labels[i];
            if (label.Contains('*'))
            {
                if (i != 0 || label != "*")
                {
                    errors.Add("wildcard '*' is only allowed as the entire leftmost label (e.g. '*.example.com')");
                }
                continue;
            }
            if (label.Length > MaxLabelLength)
            {
                errors.Add($"label \"{ValueExcerpt.Short(label)}\" must be no more than {MaxLabelLength} characters, got {label.Length}");
            }
            var bad = label.FirstOrDefault(c => !(char.IsAsciiLetterOrDigit(c) || c == '-'));
            if (bad != default)
            {
                errors.Add($"label \"{ValueExcerpt.Short(label)}\" contains the invalid character '{bad}' (only letters, digits and '-'; " +
                           "internationalised names must be written in punycode)");
            }
            if (label.StartsWith('-') || label.EndsWith('-'))
            {
                errors.Add($"label \"{ValueExcerpt.Short(label)}\" must not start or end with '-'");
            }
        }
        return errors.Distinct().ToList();
    }
}
