using System.Security.Cryptography.X509Certificates;

namespace CertMesh.Pki;

/// <summary>
/// Assembles and signs one certificate: subject, public key and alternative names from the CSR; CA flag, usages
/// and duration from the template; validity capped at the issuer's notAfter.
/// </summary>
internal static class CertificateBuilder
{
    public static X509Certificate2 Build(ParsedCsr csr, Issuer issuer, CertificateTemplate template, DateTimeOffset now)
    {
        if (template.Duration <= TimeSpan.Zero)
        {
            throw new PkiException($"The certificate duration must be positive (got {template.Duration}).");
        }

        ResolvedUsages usages = KeyUsages.Resolve(template.Usages, template.IsCA);
        DateTimeOffset notAfter = ValidUntil(now, template.Duration, issuer.NotAfter);

        CertificateRequest source = csr.Request;
        X509Extension? altNames = ExtensionReader.Find(source.CertificateExtensions, AltNames.Oid);
        if (altNames is null && ExtensionWriter.IsEmpty(source.SubjectName))
        {
            throw new PkiException("The CSR names nothing: it has neither a subject nor subject alternative names.");
        }

        var request = new CertificateRequest(source.SubjectName, source.PublicKey, issuer.Hash);
        ExtensionWriter.AddConstraintsAndUsages(request.CertificateExtensions, usages, template.IsCA);
        if (altNames is not null)
        {
            ExtensionWriter.AddAltNames(request.CertificateExtensions, altNames.RawData, source.SubjectName);
        }

        var subjectKeyIdentifier = new X509SubjectKeyIdentifierExtension(source.PublicKey, critical: false);
        request.CertificateExtensions.Add(subjectKeyIdentifier);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(
            issuer.KeyIdentifier ?? subjectKeyIdentifier.SubjectKeyIdentifierBytes.Span));

        return request.Create(issuer.Name, issuer.Generator, now, notAfter, SerialNumbers.Next());
    }

    private static DateTimeOffset ValidUntil(DateTimeOffset now, TimeSpan duration, DateTimeOffset? issuerNotAfter)
    {
        if (issuerNotAfter is { } cap && cap <= now)
        {
            throw new PkiException($"The issuer certificate expired at {cap:O}; it cannot sign at {now:O}.");
        }

        DateTimeOffset wanted = DateTimeOffset.MaxValue - duration > now
            ? now + duration
            : throw new PkiException($"The certificate duration {duration} is too long.");

        // cert-manager truncates rather than fails: a leaf never outlives its CA.
        return issuerNotAfter is { } limit && limit < wanted ? limit : wanted;
    }
}
