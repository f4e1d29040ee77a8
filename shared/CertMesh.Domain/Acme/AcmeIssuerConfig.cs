using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using CertMesh.Domain.Validation;

namespace CertMesh.Domain.Acme;

/// <summary>
/// <c>spec.acme</c> of an Issuer or ClusterIssuer, typed. The issuer keeps it as raw JSON (cert-manager's YAML,
/// camelCase); this reads the fields AcmeOrder acts on. Admission already rejected what <see cref="AcmeIssuerRules"/>
/// forbids, so parsing only insists on what no account can be made without.
/// </summary>
public sealed record AcmeIssuerConfig
{
    public Uri Server { get; init; } = null!;
    public string? Email { get; init; }
    public string PrivateKeySecretName { get; init; } = "";
    public AcmeExternalAccountBinding? ExternalAccountBinding { get; init; }
    public string? PreferredChain { get; init; }
    public string? Profile { get; init; }

    /// <summary>Only then is the Certificate's duration sent as the order's notAfter (most CAs refuse it).</summary>
    public bool EnableDurationFeature { get; init; }

    /// <summary>Extra roots for the CA's TLS certificate, decoded from <c>caBundle</c> (base64 of PEM).</summary>
    public string? CaBundlePem { get; init; }

    public bool SkipTlsVerify { get; init; }
    public IReadOnlyList<AcmeSolver> Solvers { get; init; } = [];

    public static bool TryParse(JsonElement acme, [NotNullWhen(true)] out AcmeIssuerConfig? config, out string error)
    {
        config = null;
        if (acme.ValueKind != JsonValueKind.Object)
        {
            error = "spec.acme: must be an object";
            return false;
        }
        var server = JsonFields.String(acme, "server");
        if (!JsonFields.IsHttpUrl(server))
        {
            error = $"spec.acme.server: {Validation.ValueExcerpt.Quote(server ?? "")} is not the absolute URL of an ACME directory";
            return false;
        }
        var keySecret = JsonFields.String(JsonFields.Property(acme, "privateKeySecretRef"), "name");
        if (string.IsNullOrEmpty(keySecret))
        {
            error = "spec.acme.privateKeySecretRef.name: Required value: the Secret holding the ACME account key";
            return false;
        }
        if (!TryReadCaBundle(acme, out var caBundle, out error) || !TryReadBinding(acme, out var binding, out error))
        {
            return false;
        }
        config = new AcmeIssuerConfig
        {
            Server = new Uri(server!),
            Email = NullIfEmpty(JsonFields.String(acme, "email")),
            PrivateKeySecretName = keySecret,
            ExternalAccountBinding = binding,
            PreferredChain = NullIfEmpty(JsonFields.String(acme, "preferredChain")),
            Profile = NullIfEmpty(JsonFields.String(acme, "profile")),
            EnableDurationFeature = IsTrue(acme, "enableDurationFeature"),
            CaBundlePem = caBundle,
            SkipTlsVerify = IsTrue(acme, "skipTLSVerify"),
            Solvers = AcmeSolvers.Read(acme),
        };
        error = "";
        return true;
    }

    private static bool TryReadBinding(JsonElement acme, out AcmeExternalAccountBinding? binding, out string error)
    {
        binding = null;
        error = "";
        if (JsonFields.Property(acme, "externalAccountBinding") is not { } eab)
        {
            return true;
        }
        var keySecretRef = JsonFields.Property(eab, "keySecretRef");
        binding = new AcmeExternalAccountBinding
        {
            KeyId = JsonFields.String(eab, "keyID") ?? "",
            KeySecretName = JsonFields.String(keySecretRef, "name") ?? "",
            KeySecretKey = JsonFields.String(keySecretRef, "key") ?? "",
            KeyAlgorithm = NullIfEmpty(JsonFields.String(eab, "keyAlgorithm")),
        };
        error = binding switch
        {
            { KeyId.Length: 0 } => "spec.acme.externalAccountBinding.keyID: Required value",
            { KeySecretName.Length: 0 } => "spec.acme.externalAccountBinding.keySecretRef.name: Required value",
            { KeySecretKey.Length: 0 } => "spec.acme.externalAccountBinding.keySecretRef.key: Required value",
            _ => "",
        };
        return error.Length == 0;
    }

    private static bool TryReadCaBundle(JsonElement acme, out string? pem, out string error)
    {
        pem = null;
        error = "";
        var value = JsonFields.String(acme, "caBundle");
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }
        // Kubernetes serialises []byte as base64; a PEM pasted as is is accepted too rather than refused.
        if (value.TrimStart().StartsWith("-----BEGIN", StringComparison.Ordinal))
        {
            pem = value;
            return true;
        }
        try
        {
            pem = Encoding.UTF8.GetString(Convert.FromBase64String(value));
            return true;
        }
        catch (FormatException)
        {
            error = "spec.acme.caBundle: must be base64-encoded PEM certificates";
            return false;
        }
    }

    private static bool IsTrue(JsonElement acme, string name) =>
        JsonFields.Property(acme, name) is { ValueKind: JsonValueKind.True };

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
