using CertMesh.Contracts;
using CertMesh.Domain.Validation;
using CertMesh.Pki;

namespace CertMesh.Issuing.Workflow;

/// <summary>Turns a Certificate spec (defaults applied) into what the CSR builder and the signers need.</summary>
internal static class TemplateFactory
{
    public static CertificateTemplate From(CertificateSpec spec)
    {
        var settings = CertificateDefaults.Resolve(spec);
        return new CertificateTemplate
        {
            CommonName = spec.CommonName,
            DnsNames = spec.DnsNames ?? [],
            IpAddresses = spec.IpAddresses ?? [],
            Uris = spec.Uris ?? [],
            EmailAddresses = spec.EmailAddresses ?? [],
            Organizations = spec.Subject?.Organizations ?? [],
            Countries = spec.Subject?.Countries ?? [],
            OrganizationalUnits = spec.Subject?.OrganizationalUnits ?? [],
            Localities = spec.Subject?.Localities ?? [],
            Provinces = spec.Subject?.Provinces ?? [],
            StreetAddresses = spec.Subject?.StreetAddresses ?? [],
            PostalCodes = spec.Subject?.PostalCodes ?? [],
            SerialNumber = spec.Subject?.SerialNumber,
            Usages = settings.Usages,
            IsCA = spec.IsCA,
            Duration = settings.Duration,
        };
    }
}
