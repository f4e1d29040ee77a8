using System.Text.RegularExpressions;

namespace CertMesh.Client.Configuration;

/// <summary>The name syntaxes CertMesh enforces (Kubernetes names, DNS names), checked here so start-up fails early.</summary>
internal static partial class NameSyntax
{
    public static bool IsLabel(string value) => value.Length <= 63 && Label().IsMatch(value);

    public static bool IsSubdomain(string value) => value.Length <= 253 && Subdomain().IsMatch(value);

    public static bool IsBusUser(string value) => value.Length <= 63 && Label().IsMatch(value);

    /// <summary>A host name (case-insensitive), optionally a wildcard <c>*.</c> in front, at most 253 characters.</summary>
    public static bool IsDnsName(string value)
    {
        var name = value.StartsWith("*.", StringComparison.Ordinal) ? value[2..] : value;
        return value.Length <= 253 && name.Split('.').All(label => label.Length is > 0 and <= 63 && DnsLabel().IsMatch(label));
    }

    public static bool IsEmail(string value)
    {
        var at = value.LastIndexOf('@');
        return at > 0 && at < value.Length - 1 && !value.Any(char.IsWhiteSpace);
    }

    /// <summary>A bad value quoted, cut short: an error message stays small whatever was configured.</summary>
    public static string Quote(string value) => value.Length <= 64 ? $"\"{value}\"" : $"\"{value[..64]}…\"";

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$")]
    private static partial Regex Label();

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();

    [GeneratedRegex("^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$")]
    private static partial Regex DnsLabel();
}
