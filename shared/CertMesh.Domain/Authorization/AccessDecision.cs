namespace CertMesh.Domain.Authorization;

/// <summary>Allowed, or refused with the sentence a 403 (or a bus <c>Forbidden</c> error) shows.</summary>
public sealed record AccessDecision(bool Allowed, string Message)
{
    public static AccessDecision Allow(string message) => new(true, message);
    public static AccessDecision Deny(string message) => new(false, message);
}
