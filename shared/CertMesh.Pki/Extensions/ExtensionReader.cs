using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CertMesh.Pki;

/// <summary>Reads CA flag, usages and alternative names from a certificate's (or a CSR's requested) extensions.</summary>
internal static class ExtensionReader
{
    public const string BasicConstraintsOid = "2.5.29.19";
    public const string KeyUsageOid = "2.5.29.15";
    public const string ExtendedKeyUsageOid = "2.5.29.37";
    public const string SubjectKeyIdentifierOid = "2.5.29.14";

    public static X509Extension? Find(IEnumerable<X509Extension> extensions, string oid) =>
        extensions.FirstOrDefault(e => e.Oid?.Value == oid);

    public static AltNames AltNames(IEnumerable<X509Extension> extensions) =>
        Find(extensions, Pki.AltNames.Oid) is { } san ? Pki.AltNames.Decode(san.RawData) : Pki.AltNames.None;

    /// <summary>The CA flag of basic constraints, or null when the extension is absent.</summary>
    public static bool? CertificateAuthority(IEnumerable<X509Extension> extensions) =>
        Find(extensions, BasicConstraintsOid) is { } ext
            ? Decode(ext, () => (ext as X509BasicConstraintsExtension ?? new(ext, ext.Critical)).CertificateAuthority)
            : null;

    /// <summary>The key usage bits, or null when the extension is absent.</summary>
    public static X509KeyUsageFlags? KeyUsage(IEnumerable<X509Extension> extensions) =>
        Find(extensions, KeyUsageOid) is { } ext
            ? Decode(ext, () => (ext as X509KeyUsageExtension ?? new(ext, ext.Critical)).KeyUsages)
            : null;

    public static IReadOnlyList<string> ExtendedKeyUsageOids(IEnumerable<X509Extension> extensions) =>
        Find(extensions, ExtendedKeyUsageOid) is { } ext
            ? Decode(ext, () => (ext as X509EnhancedKeyUsageExtension ?? new(ext, ext.Critical))
                .EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value ?? "").ToList())
            : [];

    public static bool IsCA(IEnumerable<X509Extension> extensions) => CertificateAuthority(extensions) ?? false;

    /// <summary>The extensions' usages as cert-manager strings (empty when neither usage extension is present).</summary>
    public static IReadOnlyList<string> Usages(IEnumerable<X509Extension> extensions) =>
        KeyUsages.Describe(KeyUsage(extensions) ?? X509KeyUsageFlags.None, ExtendedKeyUsageOids(extensions));

    // Typed extensions decode lazily: reading a property is where a malformed value surfaces.
    private static T Decode<T>(X509Extension extension, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (CryptographicException e)
        {
            throw new PkiException($"The {extension.Oid?.FriendlyName ?? extension.Oid?.Value} extension is malformed.", e);
        }
    }
}
