using System.Text.Json;
using CertMesh.Contracts;

namespace CertMesh.Domain.Validation;

/// <summary>
/// <c>dns01.rfc2136</c>: where to send the dynamic update (<c>nameserver</c>, required) and how to sign it. A TSIG key
/// name and the Secret holding its secret go together: either both are set or neither (an unsigned update).
/// </summary>
public static class Rfc2136SolverRules
{
    /// <summary>cert-manager's names, compared case-insensitively; an empty algorithm means HMACMD5, as in cert-manager.</summary>
    public static readonly IReadOnlyList<string> TsigAlgorithms = ["HMACMD5", "HMACSHA1", "HMACSHA256", "HMACSHA512"];

    public static readonly IReadOnlyList<string> Protocols = ["TCP", "UDP"];

    private const string SecretPurpose = "holding the base64 TSIG secret";

    private static readonly JsonBlockRule[] ProviderRules = [Nameserver, TsigAlgorithm, TsigKey, Protocol];

    public static IEnumerable<FieldError> Rfc2136(string field, JsonElement dns01)
    {
        if (JsonFields.Property(dns01, Dns01Providers.Rfc2136) is not { } rfc2136)
        {
            return [];
        }
        field = $"{field}.{Dns01Providers.Rfc2136}";
        return rfc2136.ValueKind == JsonValueKind.Object
            ? ProviderRules.SelectMany(rule => rule(field, rfc2136))
            : [FieldErrors.Invalid(field, rfc2136.ValueKind.ToString(), "must be an object")];
    }

    public static IEnumerable<FieldError> Nameserver(string field, JsonElement rfc2136)
    {
        var nameserver = JsonFields.String(rfc2136, "nameserver");
        if (string.IsNullOrWhiteSpace(nameserver))
        {
            yield return FieldErrors.Required($"{field}.nameserver", "the zone's primary DNS server that takes the update; " + NameserverSyntax.Forms);
        }
        else if (NameserverSyntax.Problem(nameserver) is { } problem)
        {
            yield return FieldErrors.Invalid($"{field}.nameserver", nameserver, problem);
        }
    }

    public static IEnumerable<FieldError> TsigAlgorithm(string field, JsonElement rfc2136)
    {
        var algorithm = JsonFields.String(rfc2136, "tsigAlgorithm");
        if (!string.IsNullOrEmpty(algorithm) && !TsigAlgorithms.Contains(algorithm.ToUpperInvariant()))
        {
            yield return FieldErrors.Unsupported($"{field}.tsigAlgorithm", algorithm, TsigAlgorithms, "case-insensitive; empty means HMACMD5");
        }
    }

    public static IEnumerable<FieldError> TsigKey(string field, JsonElement rfc2136)
    {
        var keyName = JsonFields.String(rfc2136, "tsigKeyName");
        var secretRef = JsonFields.Property(rfc2136, "tsigSecretSecretRef");
        if (!string.IsNullOrWhiteSpace(keyName))
        {
            return SecretKeySelectorRules.Complete($"{field}.tsigSecretSecretRef", secretRef, $"{SecretPurpose}, required when tsigKeyName is set");
        }
        if (!SecretKeySelectorRules.IsSet(secretRef))
        {
            return [];
        }
        return SecretKeySelectorRules.Complete($"{field}.tsigSecretSecretRef", secretRef, SecretPurpose)
            .Prepend(FieldErrors.Required($"{field}.tsigKeyName", "the name of the TSIG key, required when tsigSecretSecretRef is set"));
    }

    public static IEnumerable<FieldError> Protocol(string field, JsonElement rfc2136)
    {
        var protocol = JsonFields.String(rfc2136, "protocol");
        if (!string.IsNullOrEmpty(protocol) && !Protocols.Contains(protocol))
        {
            yield return FieldErrors.Unsupported($"{field}.protocol", protocol, Protocols);
        }
    }
}
