using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertMesh.Client.Configuration;
using CertMesh.Client.Keys;
using CertMesh.Client.Requests;
using CertMesh.Contracts;
using Xunit;

namespace CertMesh.Client.Tests.Requests;

public sealed class CsrFactoryTests
{
    static readonly CertificateSpec Spec = new()
    {
        CommonName = "checkout.example.test",
        DnsNames = ["checkout.example.test", "localhost"],
        IpAddresses = ["127.0.0.1"],
        Uris = ["spiffe://shop/checkout"],
        EmailAddresses = ["ops@example.test"],
        Subject = new X509Subject { Organizations = ["Shop"] },
    };

    [Theory]
    [InlineData(KeyAlgorithms.Ecdsa, 256)]
    [InlineData(KeyAlgorithms.Rsa, 2048)]
    public void CreatePem_Spec_ExactlyTheSpecsNamesSignedByTheKey(string algorithm, int size)
    {
        var key = ClientKey.Generate(algorithm, size);

        var request = CertificateRequest.LoadSigningRequestPem(CsrFactory.CreatePem(key, Spec), HashAlgorithmName.SHA256, CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions);

        Assert.Equal(key.SubjectPublicKeyInfo, request.PublicKey.ExportSubjectPublicKeyInfo());
        Assert.Equal("checkout.example.test", request.SubjectName.EnumerateRelativeDistinguishedNames().Single(n => n.GetSingleElementType().Value == "2.5.4.3").GetSingleElementValue());
        Assert.Contains("O=Shop", request.SubjectName.Name);
        var names = new X509SubjectAlternativeNameExtension(Assert.Single(request.CertificateExtensions, e => e.Oid!.Value == "2.5.29.17").RawData);
        Assert.Equal(["checkout.example.test", "localhost"], names.EnumerateDnsNames());
        Assert.Equal([IPAddress.Loopback], names.EnumerateIPAddresses());
    }

    [Fact]
    public void Matches_SameKeyAndNames_True_OtherKeyOrNames_False()
    {
        var key = ClientKey.Generate(KeyAlgorithms.Ecdsa, 256);
        var pem = CsrFactory.CreatePem(key, Spec);

        Assert.True(CsrFactory.Matches(pem, key, Spec));
        Assert.False(CsrFactory.Matches(pem, ClientKey.Generate(KeyAlgorithms.Ecdsa, 256), Spec));
        Assert.False(CsrFactory.Matches(pem, key, Spec with { DnsNames = ["checkout.example.test"] }));
        Assert.False(CsrFactory.Matches(pem, key, Spec with { CommonName = null }));
        Assert.False(CsrFactory.Matches("not a csr", key, Spec));
    }

    [Fact]
    public void CreatePem_NoPrivateKeyMaterialInTheRequest()
    {
        var key = ClientKey.Generate(KeyAlgorithms.Ecdsa, 256);

        var pem = CsrFactory.CreatePem(key, Spec);

        Assert.DoesNotContain("PRIVATE KEY", pem);
        Assert.DoesNotContain(Convert.ToBase64String(((ECDsa)key.Algorithm).ExportParameters(true).D!), pem);
    }
}
