using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using CertMesh.Domain.Resources;

namespace CertMesh.Edge.Tls;

/// <summary>
/// Turns a certificate Secret into a <see cref="ServedCertificate"/>, or says why it cannot be served: no
/// <c>tls.crt</c>, no <c>tls.key</c> (a CSR-mode Secret keeps its key in the application), a key that is not the
/// leaf's, or a leaf naming no DNS host. Everything a handshake needs is computed here, once, never per connection.
/// </summary>
internal static class ServedCertificateFactory
{
    static readonly List<SslApplicationProtocol> Alpn = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11];

    public static ServedCertificate? TryCreate(Secret secret, long version, out string reason)
    {
        var source = ServedCertificate.SourceOf(secret.Metadata.Namespace, secret.Metadata.Name);
        if (!secret.Data.TryGetValue(SecretKeys.TlsCrt, out var crt) || crt.Length == 0)
            return Fail("it has no tls.crt", out reason);
        if (!secret.Data.TryGetValue(SecretKeys.TlsKey, out var key) || key.Length == 0)
            return Fail("it has no tls.key (the private key is kept elsewhere)", out reason);

        X509Certificate2[] chain;
        try
        {
            var pem = Encoding.ASCII.GetString(crt);
            var all = new X509Certificate2Collection();
            all.ImportFromPem(pem);
            if (all.Count == 0)
                return Fail("its tls.crt holds no certificate", out reason);
            chain = [.. all.Cast<X509Certificate2>()];
        }
        catch (CryptographicException)
        {
            return Fail("its tls.crt is not a PEM certificate chain", out reason);
        }

        X509Certificate2 leaf;
        try
        {
            // CreateFromPem pairs the key with the first certificate and refuses a key that is not the leaf's.
            leaf = X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(crt), Encoding.ASCII.GetString(key));
        }
        catch (Exception exception) when (exception is CryptographicException or ArgumentException)
        {
            return Fail("its tls.key does not match the leaf certificate (or is not a PEM private key)", out reason);
        }

        var hosts = DnsNames(leaf);
        if (hosts.Count == 0)
            return Fail("its leaf certificate names no DNS host", out reason);

        // offline: no OCSP fetch or AIA download while building the chain, now or later; the chain is what tls.crt holds.
        var context = SslStreamCertificateContext.Create(leaf, new X509Certificate2Collection(chain[1..]), offline: true);
        var options = new SslServerAuthenticationOptions
        {
            ServerCertificateContext = context,
            ApplicationProtocols = Alpn,
            ClientCertificateRequired = false,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            AllowRenegotiation = false,
            // Resumption stays on: on Linux it is also what lets SslStream keep one OpenSSL context per certificate
            // instead of building a new one (certificate and key loaded again) for every handshake.
            AllowTlsResume = true,
        };
        reason = "";
        return new ServedCertificate(source, version, hosts, leaf.SerialNumber, leaf.NotBefore.ToUniversalTime(), leaf.NotAfter.ToUniversalTime(), options);
    }

    static List<string> DnsNames(X509Certificate2 leaf)
    {
        var names = new List<string>();
        foreach (var extension in leaf.Extensions)
        {
            if (extension is X509SubjectAlternativeNameExtension san)
            {
                foreach (var name in san.EnumerateDnsNames())
                {
                    var host = name.TrimEnd('.').ToLowerInvariant();
                    if (host.Length > 0 && !names.Contains(host))
                        names.Add(host);
                }
            }
        }
        return names;
    }

    static ServedCertificate? Fail(string why, out string reason)
    {
        reason = why;
        return null;
    }
}
