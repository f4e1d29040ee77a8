using System.Globalization;
using System.Text;

namespace CertMesh.Domain.Durations;

/// <summary>
/// Go's <c>time.ParseDuration</c> and <c>Duration.String</c>, because cert-manager YAML carries durations in Go
/// syntax ("2160h", "59m50s", "1.5h"). Units: ns, us/µs/μs, ms, s, m, h — Go has no "d", so neither do we.
/// A <see cref="TimeSpan"/> counts 100 ns ticks, so sub-tick nanoseconds are truncated.
/// </summary>
public static class GoDuration
{
    private const long NsPerTick = 100;
    private static readonly UInt128 MaxNanoseconds = long.MaxValue;

    private static readonly Dictionary<string, ulong> Units = new(StringComparer.Ordinal)
    {
        ["ns"] = 1,
        ["us"] = 1_000,
        ["µs"] = 1_000, // U+00B5 micro sign
        ["μs"] = 1_000, // U+03BC Greek mu: Go accepts both
        ["ms"] = 1_000_000,
        ["s"] = 1_000_000_000,
        ["m"] = 60_000_000_000,
        ["h"] = 3_600_000_000_000,
    };

    public static TimeSpan Parse(string value) =>
        TryParse(value, out var result, out var error) ? result : throw new FormatException(error);

    public static bool TryParse(string? value, out TimeSpan result, out string error)
    {
        result = TimeSpan.Zero;
        var s = value ?? "";
        var quoted = Quote(s);
        var invalid = $"time: invalid duration {quoted}";
        var negative = false;
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+'))
        {
            negative = s[0] == '-';
            s = s[1..];
        }
        if (s == "0")
        {
            error = "";
            return true;
        }
        if (s.Length == 0)
        {
            error = invalid;
            return false;
        }

        UInt128 total = 0;
        while (s.Length > 0)
        {
            if (!(s[0] == '.' || char.IsAsciiDigit(s[0])))
            {
                error = invalid;
                return false;
            }
            var intDigits = TakeDigits(ref s);
            var fracDigits = "";
            if (s.Length > 0 && s[0] == '.')
            {
                s = s[1..];
                fracDigits = TakeDigits(ref s);
                if (intDigits.Length == 0 && fracDigits.Length == 0)
                {
                    error = invalid;
                    return false;
                }
            }
            var unitLength = 0;
            while (unitLength < s.Length && s[unitLength] != '.' && !char.IsAsciiDigit(s[unitLength]))
            {
                unitLength++;
            }
            if (unitLength == 0)
            {
                error = $"time: missing unit in duration {quoted}";
                return false;
            }
            var unitName = s[..unitLength];
            s = s[unitLength..];
            if (!Units.TryGetValue(unitName, out var unit))
            {
                error = $"time: unknown unit {Quote(unitName)} in duration {quoted} (valid units are ns, us, µs, ms, s, m, h)";
                return false;
            }
            if (!TryScale(intDigits, fracDigits, unit, out var part) || (total += part) > MaxNanoseconds)
            {
                error = invalid;
                return false;
            }
        }

        var ticks = (long)(total / NsPerTick);
        result = TimeSpan.FromTicks(negative ? -ticks : ticks);
        error = "";
        return true;
    }

    /// <summary>Go's <c>Duration.String</c>: "2160h0m0s", "1h30m0s", "59m50s", "1.5s", "300ms", "0s".</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0s";
        }
        // Int128 because |TimeSpan.MinValue| in nanoseconds does not fit a long.
        var ns = (UInt128)Int128.Abs((Int128)value.Ticks * NsPerTick);
        var sign = value < TimeSpan.Zero ? "-" : "";
        if (ns < 1_000_000_000)
        {
            return ns < 1_000 ? $"{sign}{ns.ToString(CultureInfo.InvariantCulture)}ns"
                : ns < 1_000_000 ? $"{sign}{Fraction(ns, 3)}µs"
                : $"{sign}{Fraction(ns, 6)}ms";
        }
        var totalSeconds = ns / 1_000_000_000;
        var text = new StringBuilder(sign);
        if (totalSeconds >= 3600)
        {
            text.Append(CultureInfo.InvariantCulture, $"{totalSeconds / 3600}h");
        }
        if (totalSeconds >= 60)
        {
            text.Append(CultureInfo.InvariantCulture, $"{totalSeconds / 60 % 60}m");
        }
        text.Append(Fraction(ns % 60_000_000_000, 9)).Append('s');
        return text.ToString();
    }

    private static string TakeDigits(ref string s)
    {
        var n = 0;
        while (n < s.Length && char.IsAsciiDigit(s[n]))
        {
            n++;
        }
        var digits = s[..n];
        s = s[n..];
        return digits;
    }

    private static bool TryScale(string intDigits, string fracDigits, ulong unit, out UInt128 nanoseconds)
    {
        nanoseconds = 0;
        UInt128 whole = 0;
        foreach (var c in intDigits)
        {
            whole = whole * 10 + (uint)(c - '0');
            if (whole > MaxNanoseconds)
            {
                return false;
            }
        }
        nanoseconds = whole * unit;
        if (nanoseconds > MaxNanoseconds)
        {
            return false;
        }
        // Digits past the 18th are below a nanosecond for every unit up to hours.
        var kept = fracDigits.Length > 18 ? fracDigits[..18] : fracDigits;
        if (kept.Length > 0)
        {
            var fraction = UInt128.Parse(kept, CultureInfo.InvariantCulture);
            nanoseconds += fraction * unit / UInt128.Parse("1" + new string('0', kept.Length), CultureInfo.InvariantCulture);
        }
        return true;
    }

    /// <summary>value / 10^digits with trailing zeros (and a bare point) dropped, as Go's fmtFrac does.</summary>
    private static string Fraction(UInt128 value, int digits)
    {
        var scale = UInt128.Parse("1" + new string('0', digits), CultureInfo.InvariantCulture);
        var whole = (value / scale).ToString(CultureInfo.InvariantCulture);
        var fraction = (value % scale).ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0').TrimEnd('0');
        return fraction.Length == 0 ? whole : $"{whole}.{fraction}";
    }

    /// <summary>Go quotes the whole input; a hostile one is quoted as a short prefix only.</summary>
    private static string Quote(string s) => Validation.ValueExcerpt.Quote(s);
}
