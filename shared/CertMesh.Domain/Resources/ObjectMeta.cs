namespace CertMesh.Domain.Resources;

/// <summary>Kubernetes-style metadata. <c>ResourceVersion</c> is assigned by the store on every write.</summary>
public sealed record ObjectMeta
{
    public string Namespace { get; init; } = "";
    public string Name { get; init; } = "";
    public Guid Uid { get; init; }
    public long Generation { get; init; }
    public long ResourceVersion { get; init; }
    public DateTimeOffset CreationTimestamp { get; init; }
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }
}
