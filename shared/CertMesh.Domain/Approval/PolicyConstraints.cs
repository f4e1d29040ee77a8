namespace CertMesh.Domain.Approval;

/// <summary>What a request must satisfy; an omitted field constrains nothing. Durations are Go durations, inclusive.</summary>
public sealed record PolicyConstraints
{
    public string? MinDuration { get; init; }
    public string? MaxDuration { get; init; }
    public PrivateKeyConstraints? PrivateKey { get; init; }
}

/// <summary>The shape of the request's public key: <c>RSA</c>, <c>ECDSA</c> or <c>Ed25519</c>, sizes in bits, inclusive.</summary>
public sealed record PrivateKeyConstraints
{
    public string? Algorithm { get; init; }
    public int? MinSize { get; init; }
    public int? MaxSize { get; init; }
}
