namespace CertMesh.Domain.Resources;

/// <summary>A namespace with labels (core <c>v1 Namespace</c>, cluster-scoped, admin only). Namespaces exist without one;
/// it is applied to give a namespace labels, which approver-policy's <c>selector.namespace.matchLabels</c> reads.</summary>
public sealed record Namespace
{
    public string Kind { get; init; } = ResourceKinds.Namespace;
    public ObjectMeta Metadata { get; init; } = new();
}
