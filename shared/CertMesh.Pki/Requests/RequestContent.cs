using System.Text;
using System.Security.Cryptography.X509Certificates;

namespace CertMesh.Pki;

/// <summary>
/// A template checked and turned into what a CSR carries: subject, alternative names and usages. Every problem
/// is reported in one <see cref="PkiException"/>, not just the first.
/// </summary>
internal sealed record RequestContent(X500DistinguishedName Subject, AltNames AltNames, ResolvedUsages Usages)
{
    public static RequestContent From(CertificateTemplate template)
    {
        var errors = new List<string>();
        AltNames altNames = ReadAltNames(template, errors);
        X500DistinguishedName? subject = SubjectBuilder.TryBuild(template, errors);

        ResolvedUsages? usages = null;
        try
        {
            usages = KeyUsages.Resolve(template.Usages, template.IsCA);
        }
        catch (PkiException e)
        {
            errors.Add(e.Message.TrimEnd('.'));
        }

        if (string.IsNullOrEmpty(template.CommonName) && altNames.IsEmpty && errors.Count == 0)
        {
            errors.Add("at least one of commonName, dnsNames, ipAddresses, uris or emailAddresses must be set");
        }

        return errors.Count == 0 && subject is not null && usages is not null
            ? new RequestContent(subject, altNames, usages)
            : throw new PkiException($"Invalid certificate template: {string.Join("; ", errors)}.");
    }

    private static AltNames ReadAltNames(CertificateTemplate template, List<string> errors)
    {
        Check(template.DnsNames, "dnsNames", v => Ascii.IsValid(v) && !v.Contains(' '), "is not an ASCII DNS name (use the punycode form)", errors);
        Check(template.Uris, "uris", v => Ascii.IsValid(v) && Uri.TryCreate(v, UriKind.Absolute, out _), "is not an absolute ASCII URI", errors);
        Check(template.EmailAddresses, "emailAddresses", v => Ascii.IsValid(v) && v.IndexOf('@') > 0, "is not an ASCII email address", errors);

        var ips = new List<string>();
        for (int i = 0; i < template.IpAddresses.Count; i++)
        {
            if (IpAddresses.TryNormalize(template.IpAddresses[i] ?? "", out string ip))
            {
                ips.Add(ip);
            }
            else
            {
                errors.Add($"ipAddresses[{i}] '{template.IpAddresses[i]}' is not an IP address");
            }
        }

        return new AltNames([.. template.DnsNames], ips, [.. template.Uris], [.. template.EmailAddresses]);
    }

    private static void Check(IReadOnlyList<string> values, string field, Func<string, bool> valid, string problem, List<string> errors)
    {
        for (int i = 0; i < values.Count; i++)
        {
            if (string.IsNullOrEmpty(values[i]))
            {
                errors.Add($"{field}[{i}] is empty");
            }
            else if (!valid(values[i]))
            {
                errors.Add($"{field}[{i}] '{values[i]}' {problem}");
            }
        }
    }
}
