using System.Text.Json;
using CertMesh.Domain.Validation;

namespace CertMesh.Domain.Acme;

/// <summary>
/// <c>spec.acme.solvers</c>, each entry typed by the challenge type it proves and its selector, and kept verbatim:
/// the solver that proves a challenge gets exactly what the user wrote, provider fields and all.
/// </summary>
public static class AcmeSolvers
{
    public static IReadOnlyList<AcmeSolver> Read(JsonElement acme)
    {
        var solvers = new List<AcmeSolver>();
        if (JsonFields.Property(acme, "solvers") is not { ValueKind: JsonValueKind.Array } array)
        {
            return solvers;
        }
        foreach (var entry in array.EnumerateArray())
        {
            var http = JsonFields.Property(entry, "http01") is not null;
            var dns = JsonFields.Property(entry, "dns01") is not null;
            solvers.Add(new AcmeSolver
            {
                Index = solvers.Count,
                Type = (http, dns) switch
                {
                    (true, false) => SolverTypes.Http01,
                    (false, true) => SolverTypes.Dns01,
                    _ => null,
                },
                Selector = ReadSelector(JsonFields.Property(entry, "selector")),
                Json = entry.GetRawText(),
            });
        }
        return solvers;
    }

    private static CertificateDnsNameSelector? ReadSelector(JsonElement? selector)
    {
        if (selector is not { ValueKind: JsonValueKind.Object } value)
        {
            return null;
        }
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (JsonFields.Property(value, "matchLabels") is { ValueKind: JsonValueKind.Object } matchLabels)
        {
            foreach (var label in matchLabels.EnumerateObject())
            {
                labels[label.Name] = label.Value.ValueKind == JsonValueKind.String ? label.Value.GetString()! : label.Value.GetRawText();
            }
        }
        return new CertificateDnsNameSelector
        {
            DnsNames = Strings(JsonFields.Property(value, "dnsNames")),
            DnsZones = Strings(JsonFields.Property(value, "dnsZones")),
            MatchLabels = labels,
        };
    }

    private static List<string> Strings(JsonElement? array) =>
        array is { ValueKind: JsonValueKind.Array } items
            ? items.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.String).Select(i => i.GetString()!).ToList()
            : [];
}
