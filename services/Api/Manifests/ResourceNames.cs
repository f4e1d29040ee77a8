using System.Text.RegularExpressions;

namespace CertMesh.Api.Manifests;

/// <summary>Kubernetes naming rules: names are RFC 1123 subdomains, namespaces RFC 1123 labels.</summary>
internal static partial class ResourceNames
{
    public static string? CheckName(string name) =>
        name.Length <= 253 && Subdomain().IsMatch(name)
            ? null
            : "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
              + "and must start and end with an alphanumeric character (at most 253 characters)";

    public static string? CheckNamespace(string ns) =>
        ns.Length <= 63 && Label().IsMatch(ns)
            ? null
            : "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', "
              + "and must start and end with an alphanumeric character (at most 63 characters)";

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Label();
}
