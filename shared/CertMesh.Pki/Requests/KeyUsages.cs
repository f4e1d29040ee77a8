using System.Security.Cryptography.X509Certificates;

namespace CertMesh.Pki;

/// <summary>
/// cert-manager's usage strings and their X.509 meaning: the first ten are key usage bits, the rest extended
/// key usage OIDs. Lookups ignore case; names read back from certificates use the canonical spelling.
/// </summary>
public static class KeyUsages
{
    public const string Signing = "signing";
    public const string DigitalSignature = "digital signature";
    public const string ContentCommitment = "content commitment";
    public const string KeyEncipherment = "key encipherment";
    public const string KeyAgreement = "key agreement";
    public const string DataEncipherment = "data encipherment";
    public const string CertSign = "cert sign";
    public const string CrlSign = "crl sign";
    public const string EncipherOnly = "encipher only";
    public const string DecipherOnly = "decipher only";
    public const string Any = "any";
    public const string ServerAuth = "server auth";
    public const string ClientAuth = "client auth";
    public const string CodeSigning = "code signing";
    public const string EmailProtection = "email protection";
    public const string SMime = "s/mime";
    public const string IpsecEndSystem = "ipsec end system";
    public const string IpsecTunnel = "ipsec tunnel";
    public const string IpsecUser = "ipsec user";
    public const string Timestamping = "timestamping";
    public const string OcspSigning = "ocsp signing";
    public const string MicrosoftSgc = "microsoft sgc";
    public const string NetscapeSgc = "netscape sgc";

    // Order matters for reading back: the first name for a bit or OID is the canonical one
    // ("signing" and "s/mime" are aliases, as in cert-manager).
    private static readonly (string Name, X509KeyUsageFlags Bit)[] KeyUsageBits =
    [
        (DigitalSignature, X509KeyUsageFlags.DigitalSignature),
        (Signing, X509KeyUsageFlags.DigitalSignature),
        (ContentCommitment, X509KeyUsageFlags.NonRepudiation),
        (KeyEncipherment, X509KeyUsageFlags.KeyEncipherment),
        (KeyAgreement, X509KeyUsageFlags.KeyAgreement),
        (DataEncipherment, X509KeyUsageFlags.DataEncipherment),
        (CertSign, X509KeyUsageFlags.KeyCertSign),
        (CrlSign, X509KeyUsageFlags.CrlSign),
        (EncipherOnly, X509KeyUsageFlags.EncipherOnly),
        (DecipherOnly, X509KeyUsageFlags.DecipherOnly),
    ];

    private static readonly (string Name, string Oid)[] ExtendedKeyUsageOids =
    [
        (Any, "2.5.29.37.0"),
        (ServerAuth, "1.3.6.1.5.5.7.3.1"),
        (ClientAuth, "1.3.6.1.5.5.7.3.2"),
        (CodeSigning, "1.3.6.1.5.5.7.3.3"),
        (EmailProtection, "1.3.6.1.5.5.7.3.4"),
        (SMime, "1.3.6.1.5.5.7.3.4"),
        (IpsecEndSystem, "1.3.6.1.5.5.7.3.5"),
        (IpsecTunnel, "1.3.6.1.5.5.7.3.6"),
        (IpsecUser, "1.3.6.1.5.5.7.3.7"),
        (Timestamping, "1.3.6.1.5.5.7.3.8"),
        (OcspSigning, "1.3.6.1.5.5.7.3.9"),
        (MicrosoftSgc, "1.3.6.1.4.1.311.10.3.3"),
        (NetscapeSgc, "2.16.840.1.113730.4.1"),
    ];

    /// <summary>Every usage string cert-manager accepts.</summary>
    public static IReadOnlyList<string> All { get; } =
        [.. KeyUsageBits.Select(u => u.Name), .. ExtendedKeyUsageOids.Select(u => u.Name)];

    /// <summary>cert-manager's defaults when a spec lists no usages.</summary>
    public static IReadOnlyList<string> Defaults { get; } = [DigitalSignature, KeyEncipherment];

    public static bool IsKnown(string usage) => All.Contains(usage, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The usages a certificate gets: <paramref name="usages"/> or the defaults when empty, plus "cert sign"
    /// whenever <paramref name="isCA"/> (cert-manager adds it to a CA even when usages are listed).
    /// </summary>
    public static IReadOnlyList<string> Effective(IReadOnlyList<string> usages, bool isCA)
    {
        ArgumentNullException.ThrowIfNull(usages);
        IReadOnlyList<string> chosen = usages.Count == 0 ? Defaults : usages;
        return isCA && !chosen.Contains(CertSign, StringComparer.OrdinalIgnoreCase) ? [.. chosen, CertSign] : chosen;
    }

    /// <summary>The key usage bits and EKU OIDs for a template; every unknown usage is reported at once.</summary>
    internal static ResolvedUsages Resolve(IReadOnlyList<string> usages, bool isCA)
    {
        var flags = X509KeyUsageFlags.None;
        var extended = new List<string>();
        var unknown = new List<string>();
        foreach (string usage in Effective(usages, isCA))
        {
            if (Array.FindIndex(KeyUsageBits, u => Same(u.Name, usage)) is >= 0 and var bit)
            {
                flags |= KeyUsageBits[bit].Bit;
            }
            else if (Array.FindIndex(ExtendedKeyUsageOids, u => Same(u.Name, usage)) is >= 0 and var eku)
            {
                if (!extended.Contains(ExtendedKeyUsageOids[eku].Oid))
                {
                    extended.Add(ExtendedKeyUsageOids[eku].Oid);
                }
            }
            else
            {
                unknown.Add($"'{usage}'");
            }
        }

        return unknown.Count == 0
            ? new ResolvedUsages(flags, extended)
            : throw new PkiException($"Unknown usage {string.Join(", ", unknown)}; expected one of: {string.Join(", ", All)}.");
    }

    /// <summary>Canonical usage names for key usage bits then EKU OIDs, as cert-manager reports them; unknown OIDs are skipped.</summary>
    internal static IReadOnlyList<string> Describe(X509KeyUsageFlags flags, IEnumerable<string> extendedOids)
    {
        var names = new List<string>();
        var named = X509KeyUsageFlags.None;
        foreach ((string name, X509KeyUsageFlags bit) in KeyUsageBits)
        {
            if (flags.HasFlag(bit) && !named.HasFlag(bit))
            {
                names.Add(name);
                named |= bit;
            }
        }

        foreach (string oid in extendedOids)
        {
            if (Array.Find(ExtendedKeyUsageOids, u => u.Oid == oid).Name is { } name && !names.Contains(name))
            {
                names.Add(name);
            }
        }

        return names;
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Usages as they go into a certificate: key usage bits and extended key usage OIDs (in request order).</summary>
internal sealed record ResolvedUsages(X509KeyUsageFlags KeyUsage, IReadOnlyList<string> ExtendedKeyUsageOids);
