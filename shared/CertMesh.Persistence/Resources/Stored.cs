namespace CertMesh.Persistence.Resources;

/// <summary>A document as read, with the version a later update must name (optimistic concurrency).</summary>
public sealed record Stored<T>(T Document, long ResourceVersion, DateTimeOffset? DueAt);
