using System.Net;
using System.Net.Mail;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace CertMesh.Domain.Validation;

/// <summary>Syntax of the non-DNS subject alternative names, as strict as Go's parsers cert-manager relies on.</summary>
public static partial class SanSyntax
{
    /// <summary>An IP in canonical text form, or null. Stricter than <see cref="IPAddress.TryParse(string, out IPAddress)"/>,
    /// which takes "10.1" or "012.0.0.1" (Go's net.ParseIP rejects both) and zone suffixes.</summary>
    public static string? NormalizeIp(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Contains('%'))
        {
            return null;
        }
        if (value.Contains(':'))
        {
            return IPAddress.TryParse(value, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6 ? v6.ToString() : null;
        }
        return Ipv4().IsMatch(value) && IPAddress.TryParse(value, out var v4) ? v4.ToString() : null;
    }

    /// <summary>Absolute with a scheme. On Unix <see cref="Uri.TryCreate(string, UriKind, out Uri)"/> takes "/path" as
    /// an absolute file URI, so the scheme is checked explicitly.</summary>
    public static bool IsAbsoluteUri(string? value) =>
        !string.IsNullOrEmpty(value) && Scheme().IsMatch(value) && Uri.TryCreate(value, UriKind.Absolute, out _);

    /// <summary>A bare address; "Name &lt;a@b&gt;" is refused as cert-manager does (parsed address must equal input).</summary>
    public static bool IsEmailAddress(string? value) =>
        !string.IsNullOrEmpty(value) && MailAddress.TryCreate(value, out var address) &&
        address.Address == value && address.DisplayName.Length == 0;

    [GeneratedRegex(@"^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$")]
    private static partial Regex Ipv4();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]*:")]
    private static partial Regex Scheme();
}
