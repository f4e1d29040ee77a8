using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CertMesh.Api.Manifests;

/// <summary>
/// How a plain (unquoted) YAML scalar resolves, per the YAML 1.2 core schema: null, boolean, integer,
/// float or string. Quoted scalars are always strings. The emitter uses the same rules to decide when a
/// string must be quoted to read back as a string.
/// </summary>
internal static partial class YamlScalars
{
    public static bool IsNull(string plain) => plain is "" or "~" or "null" or "Null" or "NULL";

    public static bool TryBoolean(string plain, out bool value)
    {
        switch (plain)
        {
            case "true" or "True" or "TRUE": value = true; return true;
            case "false" or "False" or "FALSE": value = false; return true;
            default: value = false; return false;
        }
    }

    public static bool TryInteger(string plain, out long value)
    {
        value = 0;
        if (DecimalInteger().IsMatch(plain))
            return long.TryParse(plain, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
        if (plain.StartsWith("0x", StringComparison.Ordinal) && plain.Length > 2)
            return long.TryParse(plain.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        if (plain.StartsWith("0o", StringComparison.Ordinal) && plain.Length > 2 && plain.Skip(2).All(c => c is >= '0' and <= '7'))
        {
            try { value = Convert.ToInt64(plain[2..], 8); return true; }
            catch (OverflowException) { return false; }
        }
        return false;
    }

    public static bool IsIntegerLike(string plain) =>
        DecimalInteger().IsMatch(plain) || HexOrOctal().IsMatch(plain);

    public static bool IsFloat(string plain) => Float().IsMatch(plain) || SpecialFloat().IsMatch(plain);

    /// <summary>The value a plain scalar stands for, as JSON (infinities and NaN stay strings).</summary>
    public static JsonNode? Resolve(string plain)
    {
        if (IsNull(plain)) return null;
        if (TryBoolean(plain, out var b)) return JsonValue.Create(b);
        if (TryInteger(plain, out var l)) return JsonValue.Create(l);
        if (Float().IsMatch(plain) && double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
            return JsonValue.Create(d);
        return JsonValue.Create(plain);
    }

    /// <summary>True when <paramref name="text"/> written plain would not read back as this same string
    /// (YAML 1.1 readers such as kubectl's included: <c>yes</c>, <c>on</c>, timestamps).</summary>
    public static bool NeedsQuotes(string text)
    {
        if (text.Length == 0 || IsNull(text) || TryBoolean(text, out _) || IsIntegerLike(text) || IsFloat(text))
            return true;
        if (Yaml11Boolean().IsMatch(text) || Timestamp().IsMatch(text) || LooseNumber().IsMatch(text))
            return true;
        if (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]) || "-?:,[]{}#&*!|>'\"%@`".Contains(text[0]))
            return true;
        if (text.Contains(": ", StringComparison.Ordinal) || text.Contains(" #", StringComparison.Ordinal) || text.EndsWith(':'))
            return true;
        return text.Any(c => char.IsControl(c) || c == '\uFEFF');
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex DecimalInteger();

    [GeneratedRegex(@"^(0x[0-9a-fA-F]+|0o[0-7]+)$")]
    private static partial Regex HexOrOctal();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();

    [GeneratedRegex(@"^([-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$")]
    private static partial Regex SpecialFloat();

    [GeneratedRegex(@"^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$")]
    private static partial Regex Yaml11Boolean();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}")]
    private static partial Regex Timestamp();

    /// <summary>YAML 1.1 numbers: underscores, sexagesimal (<c>1:20</c>), leading-zero octal.</summary>
    [GeneratedRegex(@"^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])*(\.[0-9_]*)?([eE][-+]?[0-9]+)?$")]
    private static partial Regex LooseNumber();
}
