using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CertMesh.Pki;

/// <summary>Creates the PKCS#10 request for a template, signed by its private key, as cert-manager's issuing controller does.</summary>
public static class CsrBuilder
{
    /// <summary>
    /// A "CERTIFICATE REQUEST" PEM with the template's subject and alternative names, requesting basic constraints,
    /// key usage (and extended key usage when any) as extensions.
    /// </summary>
    public static string CreatePem(AsymmetricAlgorithm key, CertificateTemplate template)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(template);
        KeySpec spec = PrivateKeys.Describe(key);
        if (!KeySpec.IsSupported(spec))
        {
            throw new PkiException($"Key spec {spec} is not supported ({KeySpec.SupportedList}).");
        }

        RequestContent content = RequestContent.From(template);
        CertificateRequest request = key switch
        {
            RSA rsa => new CertificateRequest(content.Subject, rsa, SignatureAlgorithms.HashFor(rsa), RSASignaturePadding.Pkcs1),
            ECDsa ecdsa => new CertificateRequest(content.Subject, ecdsa, SignatureAlgorithms.HashFor(ecdsa)),
            _ => throw new PkiException($"{PrivateKeys.KeyTypeName(key)} keys are not supported (RSA or ECDSA)."),
        };

        ExtensionWriter.AddConstraintsAndUsages(request.CertificateExtensions, content.Usages, template.IsCA);
        if (!content.AltNames.IsEmpty)
        {
            ExtensionWriter.AddAltNames(request.CertificateExtensions, content.AltNames.Encode(), content.Subject);
        }

        return request.CreateSigningRequestPem() + "\n";
    }
}
