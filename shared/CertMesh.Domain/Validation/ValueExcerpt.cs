namespace CertMesh.Domain.Validation;

/// <summary>
/// How a value appears in an error message: whole when short, else its first <see cref="MaxCharacters"/> characters,
/// an ellipsis and its full length. Input is hostile until bounded: an error never repeats a 5 MB annotation or a 1 MB
/// name whole, so an error response stays small whatever it is about.
/// </summary>
public static class ValueExcerpt
{
    public const int MaxCharacters = 64;

    /// <summary><c>"web.example.com"</c>, or <c>"aaaa…aaaa..." (1048576 characters)</c> for a long value.</summary>
    public static string Quote(string? value) =>
        value is null ? "null"
        : value.Length <= MaxCharacters ? $"\"{value}\"" : $"\"{Prefix(value, MaxCharacters)}...\" ({value.Length} characters)";

    /// <summary>The value unquoted, cut to <paramref name="max"/> characters with an ellipsis (a label, a key in a field path).</summary>
    public static string Short(string value, int max = MaxCharacters) =>
        value.Length <= max ? value : Prefix(value, max) + "...";

    /// <summary>At most <paramref name="max"/> characters, never ending in half a surrogate pair.</summary>
    private static string Prefix(string value, int max)
    {
        var length = Math.Min(max, value.Length);
        if (length > 0 && length < value.Length && char.IsHighSurrogate(value[length - 1]))
        {
            length--;
        }
        return value[..length];
    }
}
