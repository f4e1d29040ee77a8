namespace CertMesh.Persistence.Challenges;

/// <summary>One presented HTTP-01 token: what the Edge answers at <c>/.well-known/acme-challenge/{Token}</c>.</summary>
public sealed record Http01Token(string Token, string KeyAuthorization, string DnsName);
