using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CertMesh.Pki;

/// <summary>Loads a PEM CSR, verifies its self-signature (proof of possession) and reads its names, key and requested extensions.</summary>
public static class CsrParser
{
    private const string CsrLabel = "CERTIFICATE REQUEST";

    public static ParsedCsr Parse(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        CertificateRequest request = LoadVerified(pem);
        (KeySpec spec, byte[] spki) = PublicKeys.Read(request.PublicKey);
        if (!KeySpec.IsSupported(spec))
        {
            throw new PkiException($"The CSR's key ({spec}) is not supported ({KeySpec.SupportedList}).");
        }

        IReadOnlyList<(string Oid, string Value)> subject = DistinguishedNames.Read(request.SubjectName);
        AltNames altNames = ExtensionReader.AltNames(request.CertificateExtensions);
        return new ParsedCsr(
            DistinguishedNames.CommonName(subject),
            altNames.DnsNames,
            altNames.IpAddresses,
            altNames.Uris,
            altNames.EmailAddresses,
            DistinguishedNames.Values(subject, DistinguishedNames.OrganizationOid),
            spki,
            spec,
            ExtensionReader.IsCA(request.CertificateExtensions),
            ExtensionReader.Usages(request.CertificateExtensions),
            request);
    }

    private static CertificateRequest LoadVerified(string pem)
    {
        try
        {
            // The requested extensions are only read, never copied into a certificate, so loading them is safe here.
            return CertificateRequest.LoadSigningRequestPem(
                pem,
                HashAlgorithmName.SHA256,
                CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions,
                RSASignaturePadding.Pkcs1);
        }
        catch (CryptographicException e)
        {
            throw new PkiException(Diagnose(pem), e);
        }
    }

    // Only on failure: work out which of the three things went wrong, for a message a user can act on.
    private static string Diagnose(string pem)
    {
        if (!PemBlock.ReadAll(pem).Exists(b => b.Label == CsrLabel))
        {
            return $"No \"{CsrLabel}\" PEM block found.";
        }

        try
        {
            _ = CertificateRequest.LoadSigningRequestPem(
                pem,
                HashAlgorithmName.SHA256,
                CertificateRequestLoadOptions.SkipSignatureValidation | CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions);
            return "The CSR's signature does not verify: it was altered after signing, not signed by its own key, or uses an unsupported signature algorithm.";
        }
        catch (CryptographicException)
        {
            return $"The \"{CsrLabel}\" block is not a valid PKCS#10 certificate request.";
        }
    }
}
