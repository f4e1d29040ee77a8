using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using CertMesh.Contracts;
using CertMesh.Domain.Resources;
using BclCertificateRequest = System.Security.Cryptography.X509Certificates.CertificateRequest;

namespace CertMesh.Domain.Tests.Support;

/// <summary>Real keys, CSRs and certificates made with the BCL, so the domain code is tested on real bytes.</summary>
internal static class TestPki
{
    public static readonly DateTimeOffset NotBefore = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // RSA generation is slow; one key serves every RSA test.
    private static readonly Lazy<RSA> SharedRsa = new(() => RSA.Create(2048));

    public static RSA Rsa => SharedRsa.Value;

    public static ECDsa NewEcdsa() => ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public static string CsrFor(CertificateSpec spec, ECDsa? key = null)
    {
        using var owned = key is null ? NewEcdsa() : null;
        var request = Request(spec.CommonName, spec, key ?? owned!);
        return request.CreateSigningRequestPem();
    }

    public static X509Certificate2 SelfSigned(AsymmetricAlgorithm key, DateTimeOffset notBefore, DateTimeOffset notAfter,
        string? commonName = "web.example.com", IReadOnlyList<string>? dnsNames = null)
    {
        var spec = new CertificateSpec { DnsNames = dnsNames ?? ["web.example.com"] };
        var request = key switch
        {
            ECDsa ecdsa => Request(commonName, spec, ecdsa),
            RSA rsa => Request(commonName, spec, rsa),
            _ => throw new ArgumentException("unsupported key", nameof(key)),
        };
        return request.CreateSelfSigned(notBefore, notAfter);
    }

    /// <summary>A CSR whose signed bytes were altered after signing (same length, so it still parses).</summary>
    public static string TamperedCsr(CertificateSpec spec)
    {
        var pem = CsrFor(spec);
        var fields = PemEncoding.Find(pem);
        var der = Convert.FromBase64String(pem[fields.Base64Data]);
        var needle = Encoding.ASCII.GetBytes(spec.CommonName!);
        var at = der.AsSpan().IndexOf(needle);
        der[at] ^= 0x01;
        return PemEncoding.WriteString("CERTIFICATE REQUEST", der);
    }

    public static Secret SecretFor(X509Certificate2? certificate, AsymmetricAlgorithm? key,
        IReadOnlyDictionary<string, string>? annotations = null)
    {
        var data = new Dictionary<string, byte[]>();
        if (certificate is not null)
        {
            data[SecretKeys.TlsCrt] = Encoding.ASCII.GetBytes(certificate.ExportCertificatePem());
        }
        if (key is not null)
        {
            data[SecretKeys.TlsKey] = Encoding.ASCII.GetBytes(key.ExportPkcs8PrivateKeyPem());
        }
        return new Secret
        {
            Metadata = new ObjectMeta
            {
                Namespace = "default",
                Name = "web-tls",
                Annotations = annotations ?? new Dictionary<string, string>
                {
                    [SecretAnnotations.IssuerName] = "ca-issuer",
                    [SecretAnnotations.IssuerKind] = "Issuer",
                    [SecretAnnotations.IssuerGroup] = "cert-manager.io",
                },
            },
            Data = data,
        };
    }

    private static BclCertificateRequest Request(string? commonName, CertificateSpec spec, ECDsa key) =>
        WithNames(new BclCertificateRequest(Subject(commonName), key, HashAlgorithmName.SHA256), spec);

    private static BclCertificateRequest Request(string? commonName, CertificateSpec spec, RSA key) =>
        WithNames(new BclCertificateRequest(Subject(commonName), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), spec);

    private static X500DistinguishedName Subject(string? commonName) =>
        new(commonName is null ? "" : $"CN={commonName}");

    private static BclCertificateRequest WithNames(BclCertificateRequest request, CertificateSpec spec)
    {
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in spec.DnsNames ?? [])
        {
            san.AddDnsName(name);
        }
        foreach (var ip in spec.IpAddresses ?? [])
        {
            san.AddIpAddress(IPAddress.Parse(ip));
        }
        foreach (var uri in spec.Uris ?? [])
        {
            san.AddUri(new Uri(uri));
        }
        foreach (var email in spec.EmailAddresses ?? [])
        {
            san.AddEmailAddress(email);
        }
        request.CertificateExtensions.Add(san.Build());
        return request;
    }
}
