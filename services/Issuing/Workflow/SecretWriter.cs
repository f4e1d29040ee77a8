using System.Text;
using CertMesh.Contracts;
using CertMesh.Domain.Resources;
using CertMesh.Domain.Validation;
using CertMesh.Issuing.Signers;
using CertMesh.Persistence.Database;
using CertMesh.Pki;

namespace CertMesh.Issuing.Workflow;

/// <summary>Writes the certificate's Secret as cert-manager lays it out: data keys, annotations, secretTemplate, extra outputs.</summary>
internal static class SecretWriter
{
    public static async Task WriteAsync(UnitOfWork unit, Certificate certificate, SignedCertificate signed, string? privateKeyPem, CancellationToken cancellationToken)
    {
        var spec = certificate.Spec;
        var ns = certificate.Metadata.Namespace;
        var chainPem = Pem.EncodeChain([signed.Leaf, .. signed.Chain]);

        var data = new Dictionary<string, byte[]> { [SecretKeys.TlsCrt] = Encoding.UTF8.GetBytes(chainPem) };
        if (privateKeyPem is not null)
            data[SecretKeys.TlsKey] = Encoding.UTF8.GetBytes(privateKeyPem);
        if (signed.Ca is not null)
            data[SecretKeys.CaCrt] = Encoding.UTF8.GetBytes(Pem.Encode(signed.Ca));
        AddOutputFormats(data, spec, chainPem, privateKeyPem);

        var secret = new Secret
        {
            Metadata = new ObjectMeta
            {
                Namespace = ns,
                Name = spec.SecretName,
                // Kept from the first revision by ReplaceAsync when the Secret already exists.
                Uid = Guid.CreateVersion7(),
                CreationTimestamp = unit.Time.GetUtcNow(),
                Labels = spec.SecretTemplate?.Labels,
                Annotations = Annotations(certificate, signed),
            },
            Type = SecretTypes.Tls,
            Data = data,
        };
        await unit.Secrets.ReplaceAsync(secret, cancellationToken);
    }

    static void AddOutputFormats(Dictionary<string, byte[]> data, CertificateSpec spec, string chainPem, string? privateKeyPem)
    {
        if (privateKeyPem is null)
            return;
        foreach (var format in spec.AdditionalOutputFormats ?? [])
        {
            if (format.Type == OutputFormatTypes.CombinedPem)
                data[SecretKeys.CombinedPem] = Encoding.UTF8.GetBytes(privateKeyPem.TrimEnd() + "\n" + chainPem);
            else if (format.Type == OutputFormatTypes.Der)
            {
                using var key = PrivateKeys.FromPem(privateKeyPem);
                data[SecretKeys.KeyDer] = PrivateKeys.ToPkcs8Der(key);
            }
        }
    }

    static Dictionary<string, string> Annotations(Certificate certificate, SignedCertificate signed)
    {
        var spec = certificate.Spec;
        var details = signed.Details;
        var annotations = new Dictionary<string, string>(spec.SecretTemplate?.Annotations ?? new Dictionary<string, string>())
        {
            [SecretAnnotations.CertificateName] = certificate.Metadata.Name,
            [SecretAnnotations.IssuerName] = spec.IssuerRef.Name,
            [SecretAnnotations.IssuerKind] = CertificateDefaults.EffectiveIssuerKind(spec.IssuerRef),
            [SecretAnnotations.IssuerGroup] = CertificateDefaults.EffectiveIssuerGroup(spec.IssuerRef),
            [SecretAnnotations.CommonName] = details.CommonName ?? "",
            [SecretAnnotations.AltNames] = string.Join(",", details.DnsNames),
            [SecretAnnotations.IpSans] = string.Join(",", details.IpAddresses),
            [SecretAnnotations.UriSans] = string.Join(",", details.Uris),
        };
        return annotations;
    }
}
