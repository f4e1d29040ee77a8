using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace CertMesh.Acme.Http;

/// <summary>
/// HTTP handlers for CAs whose TLS certificate chains to a private root (Pebble, an in-house ACME CA): the chain is
/// built against exactly those roots, with validation kept on.
/// </summary>
public static class AcmeHttpHandlers
{
    public static SocketsHttpHandler TrustingRoots(X509Certificate2Collection roots)
    {
        ArgumentNullException.ThrowIfNull(roots);
        if (roots.Count == 0)
        {
            throw new ArgumentException("At least one trusted root is required.", nameof(roots));
        }

        return new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => Validate(certificate, errors, roots),
            },
        };
    }

    private static bool Validate(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection roots)
    {
        // Name mismatches and a missing certificate stay fatal; only the "untrusted root" verdict is re-decided here.
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (certificate is X509Certificate2 leaf)
        {
            return chain.Build(leaf);
        }

        using X509Certificate2 copy = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(copy);
    }
}
