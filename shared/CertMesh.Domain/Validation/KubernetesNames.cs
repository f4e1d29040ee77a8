using System.Text.RegularExpressions;

namespace CertMesh.Domain.Validation;

/// <summary>Kubernetes' DNS-1123 name rules, with its own messages, because users bring Kubernetes YAML.</summary>
public static partial class KubernetesNames
{
    public const int MaxLabelLength = 63;
    public const int MaxSubdomainLength = 253;

    /// <summary>Problems with <paramref name="value"/> as a DNS-1123 label (namespaces); empty when valid.</summary>
    public static IEnumerable<string> LabelErrors(string value)
    {
        if (value.Length > MaxLabelLength)
        {
            yield return $"must be no more than {MaxLabelLength} characters";
        }
        if (!Label().IsMatch(value))
        {
            yield return "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', " +
                         "and must start and end with an alphanumeric character (e.g. 'my-name', or '123-abc')";
        }
    }

    /// <summary>Problems with <paramref name="value"/> as a DNS-1123 subdomain (resource names); empty when valid.</summary>
    public static IEnumerable<string> SubdomainErrors(string value)
    {
        if (value.Length > MaxSubdomainLength)
        {
            yield return $"must be no more than {MaxSubdomainLength} characters";
        }
        if (!Subdomain().IsMatch(value))
        {
            yield return "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', " +
                         "and must start and end with an alphanumeric character (e.g. 'example.com')";
        }
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Label();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();
}
