using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CertMesh.Pki;

/// <summary>PEM for certificates, chains and CSRs. Every encoded block ends in a newline, so outputs concatenate.</summary>
public static class Pem
{
    private const string CertificateLabel = "CERTIFICATE";
    private const string CsrLabel = "CERTIFICATE REQUEST";

    public static string Encode(X509Certificate2 cert)
    {
        ArgumentNullException.ThrowIfNull(cert);
        return PemBlock.Write(CertificateLabel, cert.RawData);
    }

    /// <summary>The certificates in the order given: leaf first, then intermediates, as tls.crt holds them.</summary>
    public static string EncodeChain(IEnumerable<X509Certificate2> certificates)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        return string.Concat(certificates.Select(Encode));
    }

    /// <summary>Every "CERTIFICATE" block, in order; other blocks and text around them are ignored.</summary>
    public static IReadOnlyList<X509Certificate2> ParseCertificates(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        List<PemBlock> blocks = PemBlock.ReadAll(pem).FindAll(b => b.Label == CertificateLabel);
        if (blocks.Count == 0)
        {
            throw new PkiException($"No \"{CertificateLabel}\" PEM block found.");
        }

        var certificates = new List<X509Certificate2>(blocks.Count);
        for (int i = 0; i < blocks.Count; i++)
        {
            try
            {
                certificates.Add(X509CertificateLoader.LoadCertificate(blocks[i].Data));
            }
            catch (CryptographicException e)
            {
                certificates.ForEach(c => c.Dispose());
                throw new PkiException($"Certificate {i + 1} of {blocks.Count} in the PEM is not a valid X.509 certificate.", e);
            }
        }

        return certificates;
    }

    /// <summary>A DER PKCS#10 request as PEM.</summary>
    public static string EncodeCsr(ReadOnlySpan<byte> der) => PemBlock.Write(CsrLabel, der);

    /// <summary>The DER of the first "CERTIFICATE REQUEST" block (what ACME finalize sends, base64url-encoded).</summary>
    public static byte[] DecodeCsr(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        return PemBlock.ReadAll(pem).Find(b => b.Label == CsrLabel)?.Data
            ?? throw new PkiException($"No \"{CsrLabel}\" PEM block found.");
    }
}
