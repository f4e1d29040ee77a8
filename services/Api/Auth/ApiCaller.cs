using CertMesh.Domain.Authorization;

namespace CertMesh.Api.Auth;

/// <summary>The authenticated principal of one request and the access snapshot it was checked against.</summary>
internal sealed record ApiCaller(string Principal, string? TokenId, AccessSnapshot Access)
{
    public AccessDecision Can(string verb, string kind, string? @namespace) =>
        Access.Authorize(Principal, new AccessRequest(verb, kind, @namespace));

    /// <summary>How the caller appears in events and the audit log: the principal and which of its tokens.</summary>
    public string Actor => TokenId is null ? Principal : $"{Principal} (token {TokenId})";
}
