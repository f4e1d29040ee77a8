using System.Security.Cryptography;
using System.Text;

namespace CertMesh.Api.Auth;

/// <summary>The bearer token that guards secret material. Without a configured token secrets are never served.</summary>
internal sealed class ApiToken(string? token)
{
    readonly byte[]? _expected = string.IsNullOrEmpty(token) ? null : Encoding.UTF8.GetBytes(token);

    public bool Configured => _expected is not null;

    public SecretAccess Check(HttpRequest request) =>
        !Configured ? SecretAccess.Disabled : Accepts(request) ? SecretAccess.Granted : SecretAccess.Unauthenticated;

    public bool Accepts(HttpRequest request)
    {
        if (_expected is null)
            return false;
        var header = request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        if (!header.StartsWith(prefix, StringComparison.Ordinal))
            return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[prefix.Length..].Trim()), _expected);
    }
}
