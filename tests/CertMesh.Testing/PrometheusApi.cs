using System.Text.Json;

namespace CertMesh.Testing;

/// <summary>One series of an instant query's vector: its labels and value (as Prometheus sends it, a string).</summary>
public sealed record PrometheusSample(IReadOnlyDictionary<string, string> Labels, string Value);

/// <summary>An alert as <c>/api/v1/alerts</c> lists it; <see cref="State"/> is <c>pending</c> or <c>firing</c>.</summary>
public sealed record PrometheusAlert(IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations, string State)
{
    public string Name => Labels["alertname"];

    public override string ToString() => $"{Name} {State} {{{string.Join(", ", Labels.Select(l => $"{l.Key}={l.Value}"))}}}";
}

/// <summary>The parts of Prometheus's HTTP API the tests read: instant queries, series, alerts. An error answer throws
/// with Prometheus's own message.</summary>
public sealed class PrometheusApi(HttpClient http)
{
    public async Task<IReadOnlyList<PrometheusSample>> QueryAsync(string promql)
    {
        using var document = await GetAsync($"/api/v1/query?query={Uri.EscapeDataString(promql)}");
        var data = document.RootElement.GetProperty("data");
        if (data.GetProperty("resultType").GetString() != "vector")
            throw new InvalidOperationException($"{promql} is not an instant vector query");
        return data.GetProperty("result").EnumerateArray()
            .Select(r => new PrometheusSample(Labels(r.GetProperty("metric")), r.GetProperty("value")[1].GetString()!))
            .ToList();
    }

    /// <summary>Every series matching <paramref name="selector"/> (e.g. <c>metric{name="x"}</c>), with all its labels.</summary>
    public async Task<IReadOnlyList<IReadOnlyDictionary<string, string>>> SeriesAsync(string selector)
    {
        using var document = await GetAsync($"/api/v1/series?match[]={Uri.EscapeDataString(selector)}");
        return document.RootElement.GetProperty("data").EnumerateArray().Select(Labels).ToList();
    }

    public async Task<IReadOnlyList<PrometheusAlert>> AlertsAsync()
    {
        using var document = await GetAsync("/api/v1/alerts");
        return document.RootElement.GetProperty("data").GetProperty("alerts").EnumerateArray()
            .Select(a => new PrometheusAlert(Labels(a.GetProperty("labels")), Labels(a.GetProperty("annotations")), a.GetProperty("state").GetString()!))
            .ToList();
    }

    async Task<JsonDocument> GetAsync(string pathAndQuery)
    {
        using var response = await http.GetAsync(new Uri(pathAndQuery, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        var document = JsonDocument.Parse(body);
        if (document.RootElement.GetProperty("status").GetString() != "success")
        {
            document.Dispose();
            throw new InvalidOperationException($"Prometheus answered {pathAndQuery} with {(int)response.StatusCode}: {body}");
        }
        return document;
    }

    static IReadOnlyDictionary<string, string> Labels(JsonElement labels) =>
        labels.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
}
