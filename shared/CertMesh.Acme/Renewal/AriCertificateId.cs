using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;
using CertMesh.Acme.Jws;

namespace CertMesh.Acme.Renewal;

/// <summary>
/// The ARI certificate identifier (RFC 9773 section 4.1): base64url(AKI keyIdentifier) "." base64url(serial DER
/// INTEGER content bytes). Used for renewalInfo lookups and for newOrder's <c>replaces</c>.
/// </summary>
public static class AriCertificateId
{
    private const string AuthorityKeyIdentifierOid = "2.5.29.35";

    public static string For(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        X509Extension aki = certificate.Extensions[AuthorityKeyIdentifierOid]
            ?? throw new ArgumentException("The certificate has no authority key identifier; ARI cannot name it.", nameof(certificate));
        return For(KeyIdentifier(aki.RawData), certificate.SerialNumberBytes.Span);
    }

    /// <summary>From the raw parts; <paramref name="serialBigEndian"/> as the certificate encodes it (with any leading zero).</summary>
    public static string For(ReadOnlySpan<byte> authorityKeyIdentifier, ReadOnlySpan<byte> serialBigEndian) =>
        Base64Url.Encode(authorityKeyIdentifier) + "." + Base64Url.Encode(serialBigEndian);

    // AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] IMPLICIT OCTET STRING OPTIONAL, ... }
    private static byte[] KeyIdentifier(byte[] extensionValue)
    {
        var reader = new AsnReader(extensionValue, AsnEncodingRules.DER);
        AsnReader sequence = reader.ReadSequence();
        var tag = new Asn1Tag(TagClass.ContextSpecific, 0);
        if (sequence.HasData && sequence.PeekTag().HasSameClassAndValue(tag))
        {
            return sequence.ReadOctetString(tag);
        }

        throw new ArgumentException("The certificate's authority key identifier has no keyIdentifier.");
    }
}
