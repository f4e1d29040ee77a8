using System.Globalization;
using System.Text.Json;
using CertMesh.Contracts;

namespace CertMesh.Domain.Acme;

/// <summary>
/// Stable names in cert-manager's shape: Order <c>&lt;request&gt;-&lt;hash&gt;</c>, Challenge
/// <c>&lt;order&gt;-&lt;hash&gt;</c>, the hash being the decimal FNV-1a of the identifying content as JSON. Because
/// the name follows from the content, a redelivered command finds the resource it made before instead of making a
/// second one. The prefix is cut to 52 characters ending alphanumeric, so names stay within 63.
/// </summary>
public static class AcmeNames
{
    private const int MaxPrefix = 52;

    /// <summary>The Order of a CertificateRequest: its issuer and identifiers (not the CSR, as in cert-manager).</summary>
    public static string Order(
        string requestName,
        IssuerReference issuerRef,
        string? commonName,
        IReadOnlyList<string> dnsNames,
        IReadOnlyList<string> ipAddresses,
        string? duration,
        Guid issuanceId = default) =>
        Compose(requestName, writer =>
        {
            // A failed attempt is retried under the same request name (<certificate>-<revision>); the issuance id
            // makes each attempt its own Order, as cert-manager's fresh CertificateRequest per attempt does.
            writer.WriteString("issuance", issuanceId);
            writer.WriteStartObject("issuerRef");
            writer.WriteString("name", issuerRef.Name);
            writer.WriteString("kind", issuerRef.Kind ?? "");
            writer.WriteString("group", issuerRef.Group ?? "");
            writer.WriteEndObject();
            writer.WriteString("commonName", commonName ?? "");
            WriteArray(writer, "dnsNames", dnsNames);
            WriteArray(writer, "ipAddresses", ipAddresses);
            writer.WriteString("duration", duration ?? "");
        });

    /// <summary>The Challenge for one authorization of an order, with the challenge type the solver chose.</summary>
    public static string Challenge(string orderName, string authorizationUrl, string type, string dnsName, bool wildcard, string token) =>
        Compose(orderName, writer =>
        {
            writer.WriteString("authorizationURL", authorizationUrl);
            writer.WriteString("type", type);
            writer.WriteString("dnsName", dnsName);
            writer.WriteBoolean("wildcard", wildcard);
            writer.WriteString("token", token);
        });

    /// <summary>cert-manager's DNSSafeShortenTo52Characters: at most 52 characters, ending in a letter or digit.</summary>
    public static string ShortenPrefix(string prefix)
    {
        if (prefix.Length < MaxPrefix)
        {
            return prefix;
        }
        var cut = prefix[..MaxPrefix];
        var end = cut.Length;
        while (end > 0 && !char.IsAsciiLetterOrDigit(cut[end - 1]))
        {
            end--;
        }
        return cut[..end];
    }

    private static string Compose(string prefix, Action<Utf8JsonWriter> content)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            content(writer);
            writer.WriteEndObject();
        }
        var hash = Fnv1a32.Hash(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        return $"{ShortenPrefix(prefix)}-{hash.ToString(CultureInfo.InvariantCulture)}";
    }

    private static void WriteArray(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }
        writer.WriteEndArray();
    }
}
