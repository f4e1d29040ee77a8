namespace CertMesh.Contracts.Acme;

/// <summary>The order is valid: <c>ChainPem</c> is the leaf then the chain the issuer's <c>preferredChain</c> picked.</summary>
public sealed record AcmeOrderCompleted
{
    public Guid IssuanceId { get; init; }
    public string Namespace { get; init; } = "";
    public string OrderName { get; init; } = "";
    public string ChainPem { get; init; } = "";
}
