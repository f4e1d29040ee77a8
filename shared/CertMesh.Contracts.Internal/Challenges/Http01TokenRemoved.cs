namespace CertMesh.Contracts.Challenges;

/// <summary>An HTTP-01 token was cleaned up: every Edge replica answers 404 for it from now on.</summary>
public sealed record Http01TokenRemoved
{
    public string Token { get; init; } = "";
}
