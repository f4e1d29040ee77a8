using System.Net.Security;

namespace CertMesh.Edge.Tls;

/// <summary>
/// One Secret's certificate, ready to serve: the TLS options every handshake for its hosts gets, built once per
/// revision (certificate context with its chain, ALPN, no client certificate, no revocation checks).
/// </summary>
/// <param name="Source">the Secret it came from, <c>namespace/name</c>.</param>
/// <param name="Version">the Secret's resource version: an older read never replaces a newer one.</param>
/// <param name="Hosts">the leaf's DNS names, lower case; <c>*.example.test</c> covers one label.</param>
internal sealed record ServedCertificate(
    string Source,
    long Version,
    IReadOnlyList<string> Hosts,
    string SerialNumber,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    SslServerAuthenticationOptions ServerOptions)
{
    public static string SourceOf(string @namespace, string name) => $"{@namespace}/{name}";
}
