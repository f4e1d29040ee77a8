using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertMesh.Client.Keys;

namespace CertMesh.Client.Tests.Support;

/// <summary>A CA made in memory that signs certificates for a client key, as CertMesh's CA issuer would.</summary>
internal sealed class TestCa
{
    readonly X509Certificate2 _root;
    readonly ECDsa _rootKey;
    int _serial;

    public TestCa()
    {
        _rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=CertMesh client tests CA", _rootKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        _root = request.CreateSelfSigned(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2040, 1, 1, 0, 0, 0, TimeSpan.Zero));
    }

    public string RootPem => _root.ExportCertificatePem();

    /// <summary>Signs a client's CSR (its public key and names), as CertMesh's CA issuer does: leaf then root, PEM.</summary>
    public string Sign(string csrPem, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var csr = CertificateRequest.LoadSigningRequestPem(csrPem, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions);
        var request = new CertificateRequest(csr.SubjectName, csr.PublicKey, HashAlgorithmName.SHA256);
        foreach (var extension in csr.CertificateExtensions)
        {
            request.CertificateExtensions.Add(extension);
        }
        var serial = BitConverter.GetBytes(Interlocked.Increment(ref _serial) + 1000);
        using var leaf = request.Create(_root.SubjectName, X509SignatureGenerator.CreateForECDsa(_rootKey), notBefore, notAfter, serial);
        return leaf.ExportCertificatePem() + "\n" + RootPem;
    }

    /// <summary>Leaf then root, PEM, as <c>CertificateIssued.CertificatePem</c> carries it.</summary>
    public string Issue(ClientKey key, string dnsName, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var request = key.Algorithm switch
        {
            ECDsa ec => new CertificateRequest($"CN={dnsName}", ec, HashAlgorithmName.SHA256),
            RSA rsa => new CertificateRequest($"CN={dnsName}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            _ => throw new NotSupportedException(),
        };
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(dnsName);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var serial = BitConverter.GetBytes(Interlocked.Increment(ref _serial) + 1000);
        using var leaf = request.Create(_root, notBefore, notAfter, serial);
        return leaf.ExportCertificatePem() + "\n" + RootPem;
    }
}
