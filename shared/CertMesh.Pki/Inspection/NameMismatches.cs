namespace CertMesh.Pki;

/// <summary>cert-manager's loose name comparison between an issued certificate and the spec (SecretDataAltNamesMatchSpec).</summary>
internal static class NameMismatches
{
    public static IReadOnlyList<string> Find(CertificateDetails cert, CertificateTemplate spec)
    {
        var violations = new List<string>();
        HashSet<string> expected = [.. spec.DnsNames];
        if (!string.IsNullOrEmpty(spec.CommonName))
        {
            expected.Add(spec.CommonName);
        }

        HashSet<string> actual = [.. cert.DnsNames];
        if (!string.IsNullOrEmpty(cert.CommonName))
        {
            actual.Add(cert.CommonName);
        }

        if (!actual.SetEquals(expected))
        {
            if ((!string.IsNullOrEmpty(spec.CommonName) && !actual.Contains(spec.CommonName))
                || (!string.IsNullOrEmpty(cert.CommonName) && !expected.Contains(cert.CommonName)))
            {
                violations.Add("spec.commonName");
            }

            if (!spec.DnsNames.All(actual.Contains) || !cert.DnsNames.All(expected.Contains))
            {
                violations.Add("spec.dnsNames");
            }
        }

        if (!SameSet(cert.IpAddresses, spec.IpAddresses.Select(Normalize)))
        {
            violations.Add("spec.ipAddresses");
        }

        if (!SameSet(cert.Uris, spec.Uris))
        {
            violations.Add("spec.uris");
        }

        if (!SameSet(cert.EmailAddresses, spec.EmailAddresses))
        {
            violations.Add("spec.emailAddresses");
        }

        return violations;
    }

    private static string Normalize(string ip) => IpAddresses.TryNormalize(ip, out string normalized) ? normalized : ip;

    private static bool SameSet(IEnumerable<string> a, IEnumerable<string> b) => new HashSet<string>(a).SetEquals(b);
}
