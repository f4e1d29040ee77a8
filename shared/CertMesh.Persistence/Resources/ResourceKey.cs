namespace CertMesh.Persistence.Resources;

public readonly record struct ResourceKey(string Kind, string Namespace, string Name)
{
    public override string ToString() => string.IsNullOrEmpty(Namespace) ? $"{Kind}/{Name}" : $"{Kind} {Namespace}/{Name}";
}
