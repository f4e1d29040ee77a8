namespace CertMesh.Domain.Authorization;

/// <summary>The outcome of presenting a bearer token or a RabbitMQ user. Only <see cref="Valid"/> names a principal;
/// every other outcome is a 401 whose message helps the token's holder and nobody else.</summary>
public sealed record Credential(CredentialStatus Status, string? PrincipalName, string? TokenId)
{
    public static Credential Valid(string principal, string? tokenId) => new(CredentialStatus.Valid, principal, tokenId);
    public static readonly Credential Missing = new(CredentialStatus.Missing, null, null);
    public static readonly Credential Unknown = new(CredentialStatus.Unknown, null, null);
    public static Credential Expired(string principal, string tokenId) => new(CredentialStatus.Expired, principal, tokenId);
    public static Credential Revoked(string principal, string tokenId) => new(CredentialStatus.Revoked, principal, tokenId);
    public static Credential Disabled(string principal) => new(CredentialStatus.Disabled, principal, null);

    public bool IsValid => Status == CredentialStatus.Valid;

    public string Explain() => Status switch
    {
        CredentialStatus.Missing => "a bearer token is required (Authorization: Bearer <token>)",
        CredentialStatus.Expired => $"token \"{TokenId}\" of principal \"{PrincipalName}\" has expired",
        CredentialStatus.Revoked => $"token \"{TokenId}\" of principal \"{PrincipalName}\" has been revoked",
        CredentialStatus.Disabled => $"principal \"{PrincipalName}\" is disabled",
        CredentialStatus.Valid => $"principal \"{PrincipalName}\"",
        _ => "the bearer token is not valid",
    };
}

public enum CredentialStatus
{
    Valid,
    Missing,
    Unknown,
    Expired,
    Revoked,
    Disabled,
}
