using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CertMesh.Pki;

/// <summary>Adds the constraint, usage and name extensions that CSRs request and certificates carry, marked as cert-manager marks them.</summary>
internal static class ExtensionWriter
{
    public static void AddConstraintsAndUsages(ICollection<X509Extension> extensions, ResolvedUsages usages, bool isCA)
    {
        extensions.Add(new X509BasicConstraintsExtension(isCA, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        if (usages.KeyUsage != X509KeyUsageFlags.None)
        {
            // Like Go, no key usage extension at all rather than an empty one (e.g. only "server auth" requested).
            extensions.Add(new X509KeyUsageExtension(usages.KeyUsage, critical: true));
        }
        if (usages.ExtendedKeyUsageOids.Count > 0)
        {
            var oids = new OidCollection();
            foreach (string oid in usages.ExtendedKeyUsageOids)
            {
                oids.Add(new Oid(oid));
            }

            extensions.Add(new X509EnhancedKeyUsageExtension(oids, critical: false));
        }
    }

    /// <summary>RFC 5280 §4.2.1.6: the SAN extension is critical when the subject is empty.</summary>
    public static void AddAltNames(ICollection<X509Extension> extensions, byte[] encodedAltNames, X500DistinguishedName subject) =>
        extensions.Add(new X509Extension(AltNames.Oid, encodedAltNames, critical: IsEmpty(subject)));

    /// <summary>An empty Name is the DER "SEQUENCE {}" (30 00).</summary>
    public static bool IsEmpty(X500DistinguishedName name) => name.RawData.Length <= 2;
}
