using System.Collections.Concurrent;
using System.Text.Json;

namespace CertMesh.Hosting.Metrics.Resources;

/// <summary>
/// The compact store behind a resource family: one small row per resource, labels rendered once when it changes.
/// A full load builds a new table and swaps it in, so a scrape never sees half of one.
/// </summary>
public abstract class ResourceSeries<TRow> : IResourceSeries where TRow : class
{
    volatile ConcurrentDictionary<ResourceName, TRow> _rows = new();

    public abstract IReadOnlyCollection<string> Kinds { get; }

    public abstract string Projection { get; }

    /// <returns>the row to keep, or null when the resource contributes no series.</returns>
    protected abstract TRow? Project(ResourceName resource, JsonElement projected);

    public abstract void Write(MetricText text, DateTimeOffset now);

    public int Count => _rows.Count;

    /// <summary>A live view: enumerating it while the feed writes is safe and allocates no copy.</summary>
    protected IEnumerable<TRow> Rows
    {
        get
        {
            foreach (var pair in _rows)
                yield return pair.Value;
        }
    }

    public void Upsert(ResourceName resource, JsonElement projected)
    {
        if (Project(resource, projected) is { } row)
            _rows[resource] = row;
        else
            _rows.TryRemove(resource, out _);
    }

    public void Remove(ResourceName resource) => _rows.TryRemove(resource, out _);

    public IResourceLoad BeginLoad() => new Load(this);

    public void Clear() => _rows = new();

    /// <summary>
    /// One shared instance per distinct label text: thousands of Certificates name the same issuer, and their rows
    /// keep one string for it instead of one each.
    /// </summary>
    protected string Shared(string labels) => _shared.GetOrAdd(labels, labels);

    readonly ConcurrentDictionary<string, string> _shared = new(StringComparer.Ordinal);

    sealed class Load(ResourceSeries<TRow> series) : IResourceLoad
    {
        readonly ConcurrentDictionary<ResourceName, TRow> _fresh = new();

        public void Add(ResourceName resource, JsonElement projected)
        {
            if (series.Project(resource, projected) is { } row)
                _fresh[resource] = row;
        }

        public void Complete() => series._rows = _fresh;
    }

    /// <summary>Reads a JSON number or null (a timestamp not set yet) as cert-manager does: 0.</summary>
    protected static double Number(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : 0;

    protected static string Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";
}
