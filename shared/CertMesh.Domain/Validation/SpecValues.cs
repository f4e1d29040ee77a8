namespace CertMesh.Domain.Validation;

// The allowed spelling of each enumerated spec field. Case-sensitive, as cert-manager's API is.

public static class KeyAlgorithms
{
    public const string Rsa = "RSA";
    public const string Ecdsa = "ECDSA";
    /// <summary>Valid in cert-manager, refused by CertMesh: the .NET BCL has no Ed25519.</summary>
    public const string Ed25519 = "Ed25519";

    public static IReadOnlyList<string> Supported { get; } = [Rsa, Ecdsa];
    public static IReadOnlyList<int> RsaSizes { get; } = [2048, 3072, 4096];
    public static IReadOnlyList<int> EcdsaSizes { get; } = [256, 384, 521];
}

public static class KeyEncodings
{
    public const string Pkcs1 = "PKCS1";
    public const string Pkcs8 = "PKCS8";

    public static IReadOnlyList<string> Supported { get; } = [Pkcs1, Pkcs8];
}

public static class RotationPolicies
{
    public const string Always = "Always";
    public const string Never = "Never";

    public static IReadOnlyList<string> Supported { get; } = [Always, Never];
}

public static class OutputFormatTypes
{
    public const string CombinedPem = "CombinedPEM";
    public const string Der = "DER";

    public static IReadOnlyList<string> Supported { get; } = [CombinedPem, Der];
}

/// <summary>cert-manager's <c>KeyUsage</c> values (key usages, then extended key usages).</summary>
public static class KeyUsages
{
    public const string DigitalSignature = "digital signature";
    public const string KeyEncipherment = "key encipherment";
    public const string ServerAuth = "server auth";
    public const string ClientAuth = "client auth";

    public static IReadOnlyList<string> Supported { get; } =
    [
        "signing", DigitalSignature, "content commitment", KeyEncipherment, "key agreement",
        "data encipherment", "cert sign", "crl sign", "encipher only", "decipher only",
        "any", ServerAuth, ClientAuth, "code signing", "email protection", "s/mime",
        "ipsec end system", "ipsec tunnel", "ipsec user", "timestamping", "ocsp signing",
        "microsoft sgc", "netscape sgc",
    ];
}
