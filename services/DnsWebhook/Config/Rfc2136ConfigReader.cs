using System.Text.Json;
using CertMesh.Domain.Validation;

namespace CertMesh.DnsWebhook.Config;

/// <summary>
/// <c>dns01.rfc2136</c> with cert-manager's rules: <c>nameserver</c> required; a <c>tsigKeyName</c> needs
/// <c>tsigSecretSecretRef</c>; without a key name the update goes unsigned; <c>tsigAlgorithm</c> defaults to HMACMD5;
/// <c>protocol</c> is <c>TCP</c> or <c>UDP</c> (the default), spelled as the Api accepts it.
/// </summary>
internal static class Rfc2136ConfigReader
{
    const string DefaultAlgorithm = "HMACMD5";

    // cert-manager's names (upper-cased before lookup); BIND's hyphenated spellings are accepted as well.
    static readonly HashSet<string> Algorithms = new(StringComparer.Ordinal) { "HMACMD5", "HMACSHA1", "HMACSHA256", "HMACSHA512" };

    public static Rfc2136Config Read(JsonElement rfc2136, List<string> errors)
    {
        const string field = Rfc2136Config.Field;
        if (rfc2136.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{field}: must be an object");
            return new Rfc2136Config("", null, DefaultAlgorithm, null);
        }

        var nameserver = JsonFields.RequiredString(rfc2136, "nameserver", $"{field}.nameserver", errors, "host:port of the zone's primary");
        var keyName = JsonFields.OptionalString(rfc2136, "tsigKeyName", $"{field}.tsigKeyName", errors);
        var algorithm = JsonFields.OptionalString(rfc2136, "tsigAlgorithm", $"{field}.tsigAlgorithm", errors)?.ToUpperInvariant() ?? DefaultAlgorithm;
        if (!Algorithms.Contains(algorithm.Replace("-", "", StringComparison.Ordinal)))
            errors.Add($"{field}.tsigAlgorithm: '{algorithm}' is not supported; use HMACMD5, HMACSHA1, HMACSHA256 or HMACSHA512");
        var protocol = JsonFields.OptionalString(rfc2136, "protocol", $"{field}.protocol", errors) ?? Rfc2136Config.Udp;
        if (!Rfc2136SolverRules.Protocols.Contains(protocol))
            errors.Add($"{field}.protocol: '{protocol}' is not supported; use {string.Join(" or ", Rfc2136SolverRules.Protocols)}");

        SecretKeySelector? secret = null;
        if (keyName is not null)
        {
            // cert-manager would quietly send unsigned updates here; a key name without its secret is a mistake worth naming.
            var refField = $"{field}.tsigSecretSecretRef";
            if (!rfc2136.TryGetProperty("tsigSecretSecretRef", out var secretRef) || secretRef.ValueKind != JsonValueKind.Object)
                errors.Add($"{refField}: required when tsigKeyName is set (the Secret holding the base64 TSIG secret)");
            else
                secret = new SecretKeySelector(
                    JsonFields.RequiredString(secretRef, "name", $"{refField}.name", errors),
                    JsonFields.RequiredString(secretRef, "key", $"{refField}.key", errors));
        }
        return new Rfc2136Config(nameserver, keyName, algorithm, secret, protocol);
    }
}
