using System.Text.Json;

namespace CertMesh.Hosting.Metrics.Resources;

/// <summary>
/// Series kept per stored resource (a Certificate's expiry, an Issuer's readiness), fed by <see cref="ResourceChangeFeed"/>
/// as resources change rather than read at each scrape. Only the replica that leads the feed holds and writes them.
/// </summary>
public interface IResourceSeries : IMetricFamilies
{
    /// <summary>The resource kinds this family is made of.</summary>
    IReadOnlyCollection<string> Kinds { get; }

    /// <summary>SQL over a <c>resources</c> row (columns <c>kind</c>, <c>namespace</c>, <c>name</c>, <c>doc</c>) giving the jsonb this family keeps: only what its labels and values need.</summary>
    string Projection { get; }

    void Upsert(ResourceName resource, JsonElement projected);

    void Remove(ResourceName resource);

    /// <summary>A full load: rows are added as they are read, and replace the current ones only when it completes.</summary>
    IResourceLoad BeginLoad();

    /// <summary>This replica no longer leads the feed: it exports none of these series.</summary>
    void Clear();
}

public readonly record struct ResourceName(string Kind, string Namespace, string Name);

/// <summary>A full load in progress; what it does not name is gone once it completes.</summary>
public interface IResourceLoad
{
    void Add(ResourceName resource, JsonElement projected);

    void Complete();
}
