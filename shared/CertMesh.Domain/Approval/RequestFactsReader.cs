using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertMesh.Domain.Durations;
using CertMesh.Domain.Validation;
using BclCertificateRequest = System.Security.Cryptography.X509Certificates.CertificateRequest;

namespace CertMesh.Domain.Approval;

/// <summary>Reads <see cref="RequestFacts"/> from a stored CertificateRequest: its CSR PEM and its spec.</summary>
public static class RequestFactsReader
{
    private const string Ed25519Oid = "1.3.101.112";

    // Subject attribute OIDs with a field of their own in approver-policy's allowed.subject.
    private static readonly Dictionary<string, Func<RequestSubject, List<string>, RequestSubject>> SubjectFields = new(StringComparer.Ordinal)
    {
        ["2.5.4.10"] = (s, v) => s with { Organizations = v },
        ["2.5.4.6"] = (s, v) => s with { Countries = v },
        ["2.5.4.11"] = (s, v) => s with { OrganizationalUnits = v },
        ["2.5.4.7"] = (s, v) => s with { Localities = v },
        ["2.5.4.8"] = (s, v) => s with { Provinces = v },
        ["2.5.4.9"] = (s, v) => s with { StreetAddresses = v },
        ["2.5.4.17"] = (s, v) => s with { PostalCodes = v },
        ["2.5.4.5"] = (s, v) => s with { SerialNumbers = v },
    };

    /// <summary>The facts, or an error saying why the CSR cannot be read (the request is then denied, never approved).</summary>
    public static bool TryRead(Resources.CertificateRequest request, out RequestFacts facts, out string error)
    {
        facts = new RequestFacts();
        if (!CsrInfo.TryParse(request.Spec.Request, out var csr, out error) || csr is null)
        {
            error = $"the CSR cannot be read: {error}";
            return false;
        }
        var duration = CertificateDefaults.Duration;
        if (request.Spec.Duration is { } text && !GoDuration.TryParse(text, out duration, out error))
        {
            error = $"spec.duration: {error}";
            return false;
        }
        var bcl = BclCertificateRequest.LoadSigningRequestPem(request.Spec.Request, HashAlgorithmName.SHA256,
            CertificateRequestLoadOptions.SkipSignatureValidation);
        var (algorithm, size) = KeyShape(csr.PublicKey);
        facts = new RequestFacts
        {
            Namespace = request.Metadata.Namespace,
            IssuerRef = request.Spec.IssuerRef,
            CommonName = csr.Names.CommonName,
            DnsNames = csr.Names.DnsNames,
            IpAddresses = csr.Names.IpAddresses,
            Uris = csr.Names.Uris,
            EmailAddresses = csr.Names.EmailAddresses,
            Subject = ReadSubject(bcl.SubjectName),
            Usages = request.Spec.Usages ?? [],
            IsCA = request.Spec.IsCA,
            Duration = duration,
            KeyAlgorithm = algorithm,
            KeySize = size,
        };
        error = "";
        return true;
    }

    private static RequestSubject ReadSubject(X500DistinguishedName subject)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var rdn in subject.EnumerateRelativeDistinguishedNames(reversed: false))
        {
            if (rdn.HasMultipleElements)
            {
                continue;
            }
            var oid = rdn.GetSingleElementType().Value ?? "";
            if (SubjectFields.ContainsKey(oid) && rdn.GetSingleElementValue() is { } value)
            {
                (values.TryGetValue(oid, out var list) ? list : values[oid] = []).Add(value);
            }
        }
        return values.Aggregate(new RequestSubject(), (subjectSoFar, entry) => SubjectFields[entry.Key](subjectSoFar, entry.Value));
    }

    private static (string Algorithm, int Size) KeyShape(PublicKey key)
    {
        if (key.Oid.Value == Ed25519Oid)
        {
            return (KeyAlgorithms.Ed25519, -1);
        }
        using var rsa = key.GetRSAPublicKey();
        if (rsa is not null)
        {
            return (KeyAlgorithms.Rsa, rsa.KeySize);
        }
        using var ecdsa = key.GetECDsaPublicKey();
        return ecdsa is not null ? (KeyAlgorithms.Ecdsa, ecdsa.KeySize) : (key.Oid.Value ?? "unknown", -1);
    }
}
