using System.Text.Json;
using CertMesh.Contracts;

namespace CertMesh.Domain.Validation;

/// <summary>cert-manager's <c>SecretKeySelector</c> (<c>{name, key}</c>): one entry of one Secret in the issuer's namespace.</summary>
public static class SecretKeySelectorRules
{
    /// <summary>Both parts are required; <paramref name="why"/> says what the Secret is for.</summary>
    public static IEnumerable<FieldError> Complete(string field, JsonElement? selector, string why)
    {
        var name = JsonFields.String(selector, "name");
        var key = JsonFields.String(selector, "key");
        IEnumerable<FieldError> nameErrors = string.IsNullOrEmpty(name)
            ? [FieldErrors.Required($"{field}.name", $"the name of the Secret {why}")]
            : NameRules.Subdomain($"{field}.name", name);
        IEnumerable<FieldError> keyErrors = string.IsNullOrEmpty(key)
            ? [FieldErrors.Required($"{field}.key", $"the key within the Secret {why}")]
            : SecretKeySyntax.Problem(key) is { } problem ? [FieldErrors.Invalid($"{field}.key", key, problem)] : [];
        return nameErrors.Concat(keyErrors);
    }

    /// <summary>True when the selector names anything at all (a name or a key).</summary>
    public static bool IsSet(JsonElement? selector) =>
        !string.IsNullOrEmpty(JsonFields.String(selector, "name")) || !string.IsNullOrEmpty(JsonFields.String(selector, "key"));
}
