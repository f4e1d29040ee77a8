using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BclCertificateRequest = System.Security.Cryptography.X509Certificates.CertificateRequest;

namespace CertMesh.Domain.Validation;

/// <summary>A PKCS#10 request read with the BCL: its names, its public key and whether its signature verifies.</summary>
public sealed record CsrInfo(X509Names Names, PublicKey PublicKey, bool SignatureValid)
{
    private const string RsaOid = "1.2.840.113549.1.1.1";
    private const string EcOid = "1.2.840.10045.2.1";

    /// <summary>"RSA", "ECDSA" or the raw OID of anything else.</summary>
    public string KeyAlgorithm => PublicKey.Oid.Value switch
    {
        RsaOid => KeyAlgorithms.Rsa,
        EcOid => KeyAlgorithms.Ecdsa,
        var other => other ?? "unknown",
    };

    public static bool TryParse(string? pem, out CsrInfo? csr, out string error)
    {
        csr = null;
        if (string.IsNullOrWhiteSpace(pem))
        {
            error = "is empty";
            return false;
        }
        BclCertificateRequest request;
        try
        {
            // Extensions are loaded only to read them; CertMesh never copies a requester's extensions blindly.
            request = BclCertificateRequest.LoadSigningRequestPem(pem, HashAlgorithmName.SHA256,
                CertificateRequestLoadOptions.SkipSignatureValidation | CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions);
            csr = new CsrInfo(X509Names.Read(request.SubjectName, request.CertificateExtensions), request.PublicKey, VerifiesSignature(pem));
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            error = e.Message;
            return false;
        }
        error = "";
        return true;
    }

    private static bool VerifiesSignature(string pem)
    {
        try
        {
            BclCertificateRequest.LoadSigningRequestPem(pem, HashAlgorithmName.SHA256);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
