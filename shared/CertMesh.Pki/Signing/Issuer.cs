using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CertMesh.Pki;

/// <summary>
/// Everything signing needs from an issuer, worked out once: name, signature generator and hash, key identifier,
/// and the validity end that caps its certificates. CA issuers are validated (CA flag, cert-sign usage, key pair)
/// and cached per certificate and key instance, so signing many leaves repeats none of that work.
/// </summary>
internal sealed class Issuer
{
    private static readonly ConditionalWeakTable<X509Certificate2, Issuer> CaIssuers = new();

    private readonly AsymmetricAlgorithm key;

    private Issuer(X500DistinguishedName name, AsymmetricAlgorithm key, byte[]? keyIdentifier, DateTimeOffset? notAfter)
    {
        Name = name;
        this.key = key;
        Generator = SignatureAlgorithms.GeneratorFor(key);
        Hash = SignatureAlgorithms.HashFor(key);
        KeyIdentifier = keyIdentifier;
        NotAfter = notAfter;
    }

    public X500DistinguishedName Name { get; }

    public X509SignatureGenerator Generator { get; }

    public HashAlgorithmName Hash { get; }

    /// <summary>The issuer's subject key identifier; null for a self-signed certificate, whose own SKI is used.</summary>
    public byte[]? KeyIdentifier { get; }

    /// <summary>The issuer certificate's notAfter, which issued certificates never outlive; null when self-signed.</summary>
    public DateTimeOffset? NotAfter { get; }

    public static Issuer SelfSigned(X500DistinguishedName subject, AsymmetricAlgorithm key) => new(subject, key, null, null);

    public static Issuer Ca(X509Certificate2 caCertificate, AsymmetricAlgorithm caKey)
    {
        if (CaIssuers.TryGetValue(caCertificate, out Issuer? cached) && ReferenceEquals(cached.key, caKey))
        {
            return cached;
        }

        Issuer issuer = CreateCa(caCertificate, caKey);
        CaIssuers.AddOrUpdate(caCertificate, issuer);
        return issuer;
    }

    private static Issuer CreateCa(X509Certificate2 caCertificate, AsymmetricAlgorithm caKey)
    {
        PrivateKeys.EnsureSupportedType(caKey);
        X509ExtensionCollection extensions = caCertificate.Extensions;
        if (ExtensionReader.CertificateAuthority(extensions) != true)
        {
            throw new PkiException(
                $"The issuer certificate '{caCertificate.Subject}' is not a CA: its basic constraints do not set the CA flag.");
        }

        if (ExtensionReader.KeyUsage(extensions) is { } usage && !usage.HasFlag(X509KeyUsageFlags.KeyCertSign))
        {
            throw new PkiException(
                $"The issuer certificate '{caCertificate.Subject}' may not sign certificates: its key usage lacks 'cert sign'.");
        }

        if (!KeyMatch.CertificateMatchesKey(caCertificate, caKey))
        {
            throw new PkiException($"The CA private key does not match the issuer certificate '{caCertificate.Subject}'.");
        }

        X509Extension? ski = ExtensionReader.Find(extensions, ExtensionReader.SubjectKeyIdentifierOid);
        byte[] keyIdentifier = (ski as X509SubjectKeyIdentifierExtension ?? (ski is null
            ? new X509SubjectKeyIdentifierExtension(caCertificate.PublicKey, critical: false)
            : new X509SubjectKeyIdentifierExtension(ski, ski.Critical))).SubjectKeyIdentifierBytes.ToArray();

        return new Issuer(caCertificate.SubjectName, caKey, keyIdentifier, new DateTimeOffset(caCertificate.NotAfter));
    }
}
