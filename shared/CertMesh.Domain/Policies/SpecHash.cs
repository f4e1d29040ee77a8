using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CertMesh.Contracts;
using CertMesh.Domain.Durations;
using CertMesh.Domain.Validation;

namespace CertMesh.Domain.Policies;

/// <summary>
/// A stable fingerprint of what the issued certificate depends on, recorded at issue time and compared later
/// ("spec changed since issue"). Defaults are applied and lists sorted/normalised first, so writing a default
/// out ("duration: 2160h"), reordering dnsNames or writing "90m" as "1h30m" does not force a re-issue.
/// Fields that only affect the Secret or the schedule (secretTemplate, revisionHistoryLimit, renewBefore,
/// additionalOutputFormats, encoding, rotationPolicy) are left out on purpose.
/// </summary>
public static class SpecHash
{
    private const string Version = "v1";

    public static string Compute(CertificateSpec spec) => Compute(spec, csr: null);

    /// <summary>With a supplied CSR, a new CSR (new key or names) is a new request, so its DER is part of the hash.</summary>
    public static string Compute(CertificateSpec spec, string? csr)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("v", Version);
            json.WriteString("commonName", spec.CommonName ?? "");
            WriteSet(json, "dnsNames", spec.DnsNames, n => n.ToLowerInvariant());
            WriteSet(json, "ipAddresses", spec.IpAddresses, ip => SanSyntax.NormalizeIp(ip) ?? ip);
            WriteSet(json, "uris", spec.Uris, u => u);
            WriteSet(json, "emailAddresses", spec.EmailAddresses, e => e);
            WriteSubject(json, spec.Subject);
            json.WriteNumber("durationTicks", DurationTicks(spec.Duration));
            WriteSet(json, "usages", spec.Usages is { Count: > 0 } ? spec.Usages : CertificateDefaults.Usages, u => u);
            json.WriteBoolean("isCA", spec.IsCA);
            var algorithm = csr is null ? spec.PrivateKey?.Algorithm ?? CertificateDefaults.KeyAlgorithm : "csr";
            json.WriteString("keyAlgorithm", algorithm);
            json.WriteNumber("keySize", csr is null ? spec.PrivateKey?.Size ?? CertificateDefaults.DefaultKeySize(algorithm) : 0);
            json.WriteString("issuerName", spec.IssuerRef.Name);
            json.WriteString("issuerKind", CertificateDefaults.EffectiveIssuerKind(spec.IssuerRef));
            json.WriteString("issuerGroup", CertificateDefaults.EffectiveIssuerGroup(spec.IssuerRef));
            json.WriteString("csr", csr is null ? "" : CsrDigest(csr));
            json.WriteEndObject();
        }
        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }

    private static long DurationTicks(string? duration) =>
        duration is null ? CertificateDefaults.Duration.Ticks
        : GoDuration.TryParse(duration, out var parsed, out _) ? parsed.Ticks
        : -1; // unparsable specs never pass admission; any stable value will do

    private static void WriteSubject(Utf8JsonWriter json, X509Subject? subject)
    {
        json.WriteStartObject("subject");
        WriteSet(json, "organizations", subject?.Organizations, v => v);
        WriteSet(json, "countries", subject?.Countries, v => v);
        WriteSet(json, "organizationalUnits", subject?.OrganizationalUnits, v => v);
        WriteSet(json, "localities", subject?.Localities, v => v);
        WriteSet(json, "provinces", subject?.Provinces, v => v);
        WriteSet(json, "streetAddresses", subject?.StreetAddresses, v => v);
        WriteSet(json, "postalCodes", subject?.PostalCodes, v => v);
        json.WriteString("serialNumber", subject?.SerialNumber ?? "");
        json.WriteEndObject();
    }

    private static void WriteSet(Utf8JsonWriter json, string name, IReadOnlyList<string>? values, Func<string, string> normalize)
    {
        json.WriteStartArray(name);
        foreach (var value in (values ?? []).Where(v => v is not null).Select(normalize).Distinct().Order(StringComparer.Ordinal))
        {
            json.WriteStringValue(value);
        }
        json.WriteEndArray();
    }

    /// <summary>Over the DER, so re-wrapping the same request's PEM does not count as a change.</summary>
    private static string CsrDigest(string csr)
    {
        try
        {
            var fields = PemEncoding.Find(csr);
            return Convert.ToHexStringLower(SHA256.HashData(Convert.FromBase64String(csr[fields.Base64Data])));
        }
        catch (ArgumentException)
        {
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(csr)));
        }
    }
}
