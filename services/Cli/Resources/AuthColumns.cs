using System.Globalization;
using System.Text.Json;

namespace CertMesh.Cli.Resources;

/// <summary>Cells of the auth kinds' <c>get</c> tables that take more than reading one field.</summary>
internal static class AuthColumns
{
    /// <summary>Tokens that would let someone in right now: neither revoked nor expired (the count a reader cares about
    /// when deciding whether a principal is still reachable).</summary>
    public static int ActiveTokens(JsonElement principal, DateTimeOffset now) =>
        principal.Items("spec", "tokens").Count(token => token.Text("revoked") != "true" && !HasExpired(token, now));

    /// <summary><c>alice,ci</c>: the subjects' names (only Principal subjects exist, so the kind is left out).</summary>
    public static string Subjects(JsonElement binding) =>
        string.Join(",", binding.Items("spec", "subjects").Select(s => s.Text("name") ?? ""));

    /// <summary>kubectl's <c>--show-labels</c> form: k=v,k=v.</summary>
    public static string Labels(JsonElement resource) =>
        resource.TryGetProperty("metadata", out var meta) && meta.TryGetProperty("labels", out var labels) && labels.ValueKind == JsonValueKind.Object
            ? string.Join(",", labels.EnumerateObject().Select(l => $"{l.Name}={l.Value.GetString()}"))
            : "<none>";

    public static string Joined(JsonElement resource, string field) =>
        string.Join(",", resource.Items("spec", field).Select(v => v.Text() ?? ""));

    private static bool HasExpired(JsonElement token, DateTimeOffset now) =>
        DateTimeOffset.TryParse(token.Text("expires"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expires)
        && expires <= now;
}
