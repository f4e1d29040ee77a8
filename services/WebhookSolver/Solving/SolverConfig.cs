using System.Text.Json;

namespace CertMesh.WebhookSolver.Solving;

/// <summary>
/// This solver's dns01.webhook.config: {"nameserver": "host:port", "ttl": 60, "tsigKeyName": "…"}. Unknown fields are
/// ignored, as Go's json.Unmarshal does for cert-manager's own solvers; there is deliberately no secret field.
/// </summary>
internal sealed record SolverConfig(Nameserver Nameserver, uint Ttl, string? TsigKeyName)
{
    public const uint DefaultTtl = 60;

    // RFC 2181 §8: TTLs are 31-bit.
    const long MaxTtl = int.MaxValue;

    /// <summary>The config, or null with every problem added to errors, each naming its field.</summary>
    public static SolverConfig? Parse(JsonElement? config, List<string> errors)
    {
        if (config is not { ValueKind: JsonValueKind.Object } json)
        {
            errors.Add(config is null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined }
                ? "config.nameserver is required (config is empty)"
                : $"config must be a JSON object, not {config.Value.ValueKind}");
            return null;
        }

        var before = errors.Count;
        var nameserver = ParseNameserver(json, errors);
        var ttl = ParseTtl(json, errors);
        var keyName = ParseKeyName(json, errors);
        return nameserver is null || ttl is null || errors.Count > before ? null : new SolverConfig(nameserver, ttl.Value, keyName);
    }

    static Nameserver? ParseNameserver(JsonElement json, List<string> errors)
    {
        if (!json.TryGetProperty("nameserver", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors.Add("config.nameserver is required, e.g. \"127.0.0.1:5354\"");
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add($"config.nameserver must be a string \"host:port\", not {value.ValueKind}");
            return null;
        }
        var nameserver = Nameserver.Parse(value.GetString()!, out var error);
        if (error is not null)
            errors.Add(error);
        return nameserver;
    }

    static uint? ParseTtl(JsonElement json, List<string> errors)
    {
        if (!json.TryGetProperty("ttl", out var value) || value.ValueKind == JsonValueKind.Null)
            return DefaultTtl;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds) && seconds is >= 1 and <= MaxTtl)
            return (uint)seconds;
        errors.Add($"config.ttl must be a whole number of seconds from 1 to {MaxTtl}, not {value.GetRawText()}");
        return null;
    }

    static string? ParseKeyName(JsonElement json, List<string> errors)
    {
        if (!json.TryGetProperty("tsigKeyName", out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString()))
            return value.GetString();
        errors.Add($"config.tsigKeyName must be a non-empty string, not {value.GetRawText()}");
        return null;
    }
}
