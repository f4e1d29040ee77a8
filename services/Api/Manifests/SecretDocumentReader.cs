using System.Text;
using System.Text.Json.Nodes;
using CertMesh.Contracts;
using CertMesh.Domain.Resources;
using CertMesh.Domain.Validation;

namespace CertMesh.Api.Manifests;

/// <summary>
/// A bound <c>v1 Secret</c> document to a <see cref="Secret"/>, as the Kubernetes API server takes it: <c>data</c> values
/// are base64, <c>stringData</c> values are plain text written over data entries of the same key, and every key follows
/// Kubernetes' rule. Errors name the field and key, never the value.
/// </summary>
internal static class SecretDocumentReader
{
    public static Secret? Read(ResourceJson resource)
    {
        // At most MaxReported errors are kept: a Secret with 100,000 bad keys must not build 100,000 messages.
        var errors = new List<FieldError>();
        var omitted = 0;
        void Add(FieldError error)
        {
            if (errors.Count < FieldErrors.MaxReported) errors.Add(error);
            else omitted++;
        }

        var data = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (key, value) in Entries(resource.Field("data")))
        {
            if (KeyProblem("data", key) is { } keyProblem)
                Add(keyProblem);
            else if (Base64Problem(key, value, out var bytes) is { } valueProblem)
                Add(valueProblem);
            else
                data[key] = bytes;
        }
        foreach (var (key, value) in Entries(resource.Field("stringData")))
        {
            if (KeyProblem("stringData", key) is { } problem)
                Add(problem);
            else
                data[key] = Encoding.UTF8.GetBytes(value);
        }
        var type = resource.Field("type")?.GetValue<string>() is { Length: > 0 } given ? given : SecretTypes.Opaque;
        var secret = new Secret { Metadata = resource.ToMetadata(), Type = type, Data = data };
        foreach (var error in SecretRules.All.SelectMany(rule => rule(secret))) Add(error);
        foreach (var error in errors) resource.AddError(error.Field, error.Message);
        resource.AddOmitted(omitted);
        return errors.Count == 0 ? secret : null;
    }

    private static IEnumerable<(string Key, string Value)> Entries(JsonNode? map) =>
        map is JsonObject entries ? entries.Select(e => (e.Key, e.Value?.GetValue<string>() ?? "")) : [];

    /// <summary>The key is not secret and is shown, as Kubernetes does (a long one as a prefix).</summary>
    private static FieldError? KeyProblem(string map, string key) =>
        SecretKeySyntax.Problem(key) is { } problem ? FieldErrors.Invalid($"{map}.{ValueExcerpt.Short(key)}", key, problem) : null;

    private static FieldError? Base64Problem(string key, string value, out byte[] bytes)
    {
        try
        {
            bytes = Convert.FromBase64String(value);
            return null;
        }
        catch (FormatException)
        {
            bytes = [];
            return new FieldError($"data.{key}",
                "Invalid value: not valid base64 (the value is not shown): data values must be base64-encoded; put plain text under stringData");
        }
    }
}
