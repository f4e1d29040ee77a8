namespace CertMesh.Api.Auth;

/// <summary>The token of an <c>Authorization: Bearer</c> header, taken verbatim (RFC 6750): a stray space or a second
/// header makes it another token, never a trimmed match.</summary>
internal static class BearerToken
{
    public static string? From(HttpRequest request)
    {
        var values = request.Headers.Authorization;
        if (values.Count != 1 || values[0] is not { } header)
            return null;
        const string scheme = "Bearer ";
        return header.Length > scheme.Length && header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..] : null;
    }
}
