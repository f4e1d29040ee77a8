using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CertMesh.Pki;

/// <summary>Strict IP address parsing (like Go's net.ParseIP): dotted-quad IPv4 or IPv6 without a zone, normalised to text.</summary>
internal static class IpAddresses
{
    public static bool TryNormalize(string value, out string normalized)
    {
        normalized = "";
        if (value.Contains(':'))
        {
            if (value.Contains('%') || !IPAddress.TryParse(value, out IPAddress? v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return false;
            }

            normalized = v6.ToString();
            return true;
        }

        string[] parts = value.Split('.');
        if (parts.Length != 4 || !parts.All(IsOctet))
        {
            return false;
        }

        normalized = string.Join('.', parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture)));
        return true;
    }

    // 0-255, digits only, no leading zeros (Go rejects them since 1.17: "010" is ambiguous octal).
    private static bool IsOctet(string part) =>
        part.Length is >= 1 and <= 3
        && part.All(char.IsAsciiDigit)
        && (part.Length == 1 || part[0] != '0')
        && int.Parse(part, CultureInfo.InvariantCulture) <= 255;
}
