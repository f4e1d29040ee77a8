using CertMesh.Domain.Resources;

namespace CertMesh.Persistence.Tests.Support;

/// <summary>A minimal resource document with Kubernetes metadata, so the store is tested without any real kind's rules.</summary>
public sealed record Widget
{
    public const string Kind = "Widget";

    public ObjectMeta Metadata { get; init; } = new();
    public WidgetSpec Spec { get; init; } = new();

    public static Widget Named(string @namespace, string name, int size = 1) =>
        new() { Metadata = new ObjectMeta { Namespace = @namespace, Name = name, Uid = Guid.NewGuid() }, Spec = new WidgetSpec { Size = size } };
}

public sealed record WidgetSpec
{
    public int Size { get; init; }
    public string Color { get; init; } = "blue";
}
