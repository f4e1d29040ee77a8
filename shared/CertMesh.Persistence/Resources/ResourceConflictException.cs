namespace CertMesh.Persistence.Resources;

/// <summary>The resource changed (or appeared, or vanished) since it was read; reload and retry, never overwrite.</summary>
public sealed class ResourceConflictException(string kind, string @namespace, string name, string detail)
    : Exception($"{kind} {(string.IsNullOrEmpty(@namespace) ? "" : @namespace + "/")}{name}: {detail}")
{
    public string Kind { get; } = kind;
}
