using System.Security.Cryptography;
using System.Text;
using CertMesh.Acme.Jws;

namespace CertMesh.Acme.Challenges;

/// <summary>What a solver must publish to prove control (RFC 8555 sections 8.1, 8.3, 8.4).</summary>
public static class KeyAuthorization
{
    /// <summary><c>token.thumbprint</c>: the http-01 response body.</summary>
    public static string For(string token, AccountKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return For(token, key.Thumbprint);
    }

    public static string For(string token, string thumbprint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        ArgumentException.ThrowIfNullOrWhiteSpace(thumbprint);
        return token + "." + thumbprint;
    }

    /// <summary>The http-01 path, relative to the identifier's origin.</summary>
    public static string Http01Path(string token) => "/.well-known/acme-challenge/" + token;

    /// <summary>base64url(SHA-256(key authorization)): the dns-01 TXT record value.</summary>
    public static string Dns01TxtValue(string token, AccountKey key) =>
        Base64Url.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(For(token, key))));

    /// <summary>The dns-01 record name for a domain; a wildcard's <c>*.</c> is dropped (section 8.4).</summary>
    public static string Dns01RecordName(string domain)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(domain);
        return "_acme-challenge." + (domain.StartsWith("*.", StringComparison.Ordinal) ? domain[2..] : domain).TrimEnd('.');
    }
}
