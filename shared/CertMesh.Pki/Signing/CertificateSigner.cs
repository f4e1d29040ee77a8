using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CertMesh.Pki;

/// <summary>
/// The in-process issuers: <c>selfSigned</c> and <c>ca</c>. Both verify the CSR, take its subject and alternative
/// names, and take CA flag, usages and duration from the template. The returned certificate has no private key.
/// </summary>
public static class CertificateSigner
{
    /// <summary>Signs the CSR with its own key: issuer = subject, authority key identifier = its own.</summary>
    public static X509Certificate2 SelfSign(string csrPem, AsymmetricAlgorithm privateKey, CertificateTemplate template, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(csrPem);
        ArgumentNullException.ThrowIfNull(privateKey);
        ArgumentNullException.ThrowIfNull(template);
        PrivateKeys.EnsureSupportedType(privateKey);
        ParsedCsr csr = CsrParser.Parse(csrPem);
        if (!csr.SubjectPublicKeyInfo.AsSpan().SequenceEqual(privateKey.ExportSubjectPublicKeyInfo()))
        {
            throw new PkiException("The CSR's public key does not match the private key given to self-sign it.");
        }

        return CertificateBuilder.Build(csr, Issuer.SelfSigned(csr.Request.SubjectName, privateKey), template, now);
    }

    /// <summary>
    /// Signs the CSR with a CA key pair (any mix of RSA and ECDSA). notAfter is truncated to the CA's notAfter.
    /// Rejects a CA certificate without the CA flag or cert-sign usage, a key that is not the CA's, or an expired CA.
    /// </summary>
    public static X509Certificate2 SignWithCa(
        string csrPem,
        X509Certificate2 caCertificate,
        AsymmetricAlgorithm caKey,
        CertificateTemplate template,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(csrPem);
        ArgumentNullException.ThrowIfNull(caCertificate);
        ArgumentNullException.ThrowIfNull(caKey);
        ArgumentNullException.ThrowIfNull(template);
        Issuer issuer = Issuer.Ca(caCertificate, caKey);
        return CertificateBuilder.Build(CsrParser.Parse(csrPem), issuer, template, now);
    }
}
