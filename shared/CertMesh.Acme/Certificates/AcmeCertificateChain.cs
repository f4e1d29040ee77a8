using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CertMesh.Acme.Certificates;

/// <summary>One certificate chain as the CA served it (leaf first), and the URL it came from.</summary>
public sealed record AcmeCertificateChain(Uri Url, string Pem)
{
    /// <summary>The chain's certificates, leaf first; the caller disposes them.</summary>
    public IReadOnlyList<X509Certificate2> ParseCertificates()
    {
        var certificates = new List<X509Certificate2>();
        ReadOnlySpan<char> rest = Pem;
        while (PemEncoding.TryFind(rest, out PemFields fields))
        {
            if (rest[fields.Label].SequenceEqual("CERTIFICATE"))
            {
                certificates.Add(X509CertificateLoader.LoadCertificate(Convert.FromBase64String(rest[fields.Base64Data].ToString())));
            }

            rest = rest[fields.Location.End..];
        }

        return certificates;
    }

    /// <summary>The issuer common name of the top-most certificate: what cert-manager's <c>preferredChain</c> matches.</summary>
    public string? TopIssuerCommonName()
    {
        IReadOnlyList<X509Certificate2> certificates = ParseCertificates();
        try
        {
            return certificates.Count == 0 ? null : certificates[^1].GetNameInfo(X509NameType.SimpleName, forIssuer: true);
        }
        finally
        {
            foreach (X509Certificate2 certificate in certificates)
            {
                certificate.Dispose();
            }
        }
    }
}
