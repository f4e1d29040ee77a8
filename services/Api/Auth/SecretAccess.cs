namespace CertMesh.Api.Auth;

/// <summary>Whether a request may read or write secret material (<see cref="ApiToken.Check"/>).</summary>
internal enum SecretAccess
{
    Granted,
    /// <summary>The Api has no token configured: secret material is never served nor written (403).</summary>
    Disabled,
    /// <summary>No bearer token, or the wrong one (401).</summary>
    Unauthenticated,
}
