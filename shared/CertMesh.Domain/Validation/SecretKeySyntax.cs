using System.Text.RegularExpressions;

namespace CertMesh.Domain.Validation;

/// <summary>Kubernetes' rule for the keys of a Secret's <c>data</c> (<c>IsConfigMapKey</c>), with its message.</summary>
public static partial class SecretKeySyntax
{
    public const int MaxLength = 253;

    /// <returns>why <paramref name="key"/> cannot name an entry of a Secret; null when it can.</returns>
    public static string? Problem(string key)
    {
        if (key.Length > MaxLength)
        {
            return $"must be no more than {MaxLength} characters";
        }
        if (!Key().IsMatch(key))
        {
            return "a valid config key must consist of alphanumeric characters, '-', '_' or '.' " +
                   "(e.g. 'key.name', or 'KEY_NAME', or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";
        }
        if (key is "." or ".." || key.StartsWith("..", StringComparison.Ordinal))
        {
            return "must not be '.' or '..', nor start with '..'";
        }
        return null;
    }

    [GeneratedRegex("^[-._a-zA-Z0-9]+$")]
    private static partial Regex Key();
}
