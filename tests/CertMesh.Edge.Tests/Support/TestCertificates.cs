using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using CertMesh.Domain.Resources;
using CertificateRequest = System.Security.Cryptography.X509Certificates.CertificateRequest;

namespace CertMesh.Edge.Tests.Support;

/// <summary>A test CA and ECDSA P-256 leaves it signs, as PEM, and the certificate Secrets that hold them.</summary>
public sealed class TestCertificates : IDisposable
{
    readonly ECDsa _caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public TestCertificates(string caName = "CertMesh Edge test CA")
    {
        var request = new CertificateRequest($"CN={caName}", _caKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        Ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddYears(1));
    }

    public X509Certificate2 Ca { get; }

    public sealed record Leaf(string CertificatePem, string KeyPem, string SerialNumber, X509Certificate2 Certificate);

    /// <summary>A leaf for <paramref name="dnsNames"/>; tls.crt is the leaf then the CA, as an issuer writes it.</summary>
    public Leaf Issue(params string[] dnsNames) => Issue(DateTimeOffset.UtcNow.AddMinutes(-5), dnsNames);

    public Leaf Issue(DateTimeOffset notBefore, params string[] dnsNames)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={dnsNames[0]}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames)
            san.AddDnsName(name);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        var leaf = request.Create(Ca, notBefore, notBefore.AddDays(30), serial);
        var pem = leaf.ExportCertificatePem() + "\n" + Ca.ExportCertificatePem() + "\n";
        return new Leaf(pem, key.ExportPkcs8PrivateKeyPem(), leaf.SerialNumber, leaf);
    }

    /// <summary>A Certificate's Secret as Issuing writes it (the certificate-name annotation marks it as one).</summary>
    public static Secret SecretFor(string @namespace, string name, Leaf leaf, string? keyPem = null, bool withKey = true)
    {
        var data = new Dictionary<string, byte[]> { [SecretKeys.TlsCrt] = Encoding.ASCII.GetBytes(leaf.CertificatePem) };
        if (withKey)
            data[SecretKeys.TlsKey] = Encoding.ASCII.GetBytes(keyPem ?? leaf.KeyPem);
        return new Secret
        {
            Metadata = new ObjectMeta
            {
                Namespace = @namespace,
                Name = name,
                Annotations = new Dictionary<string, string> { [SecretAnnotations.CertificateName] = name },
            },
            Type = SecretTypes.Tls,
            Data = data,
        };
    }

    public void Dispose()
    {
        Ca.Dispose();
        _caKey.Dispose();
    }
}
