namespace CertMesh.Contracts.Challenges;

/// <summary>
/// An HTTP-01 token is in the token store: every Edge replica answers
/// <c>/.well-known/acme-challenge/{Token}</c> with <c>KeyAuthorization</c> from now on.
/// </summary>
public sealed record Http01TokenPresented
{
    public string Token { get; init; } = "";
    public string KeyAuthorization { get; init; } = "";
    public string DnsName { get; init; } = "";
}
