using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertMesh.Pki.Tests.Support;

namespace CertMesh.Pki.Tests.Signing;

public sealed class CertificateSignerCaTests
{
    [Fact]
    public void SignWithCa_Leaf_ChainVerifiesWithCustomRootTrust()
    {
        using X509Certificate2 ca = TestPki.SelfSignedCa(TestKeys.Ecdsa256());
        using ECDsa leafKey = TestKeys.FreshEcdsa();

        using X509Certificate2 leaf = TestPki.Leaf(ca, TestKeys.Ecdsa256(), leafKey);

        (bool valid, string status) = TestPki.VerifyChain(leaf, ca);
        Assert.True(valid, status);
        Assert.Equal(ca.SubjectName.RawData, leaf.IssuerName.RawData);
        Assert.True(KeyMatch.CertificateMatchesKey(leaf, leafKey));
    }

    [Fact]
    public void SignWithCa_RootIntermediateLeaf_OpenSslAndX509ChainVerify()
    {
        AsymmetricAlgorithm rootKey = TestKeys.Get(KeyAlgorithm.Ecdsa, 384);
        using ECDsa intermediateKey = TestKeys.FreshEcdsa();
        using ECDsa leafKey = TestKeys.FreshEcdsa();
        using X509Certificate2 root = TestPki.SelfSignedCa(rootKey, "CertMesh Root");
        var intermediateTemplate = new CertificateTemplate { CommonName = "CertMesh Intermediate", IsCA = true, Duration = TimeSpan.FromDays(365) };
        using X509Certificate2 intermediate = TestPki.Leaf(root, rootKey, intermediateKey, intermediateTemplate);

        using X509Certificate2 leaf = TestPki.Leaf(intermediate, intermediateKey, leafKey);

        (bool valid, string status) = TestPki.VerifyChain(leaf, root, intermediate);
        Assert.True(valid, status);
        using var directory = new TempDirectory();
        string output = OpenSsl.Succeed(
            "verify", "-attime", TestPki.OpenSslAtTime, "-x509_strict", "-purpose", "sslserver",
            "-CAfile", directory.Write("root.pem", Pem.Encode(root)),
            "-untrusted", directory.Write("intermediate.pem", Pem.Encode(intermediate)),
            directory.Write("leaf.pem", Pem.Encode(leaf)));
        Assert.Contains(": OK", output);
    }

    public static TheoryData<KeyAlgorithm, int, KeyAlgorithm, int, string> AlgorithmMixes => new()
    {
        { KeyAlgorithm.Ecdsa, 256, KeyAlgorithm.Rsa, 2048, "1.2.840.10045.4.3.2" },
        { KeyAlgorithm.Rsa, 2048, KeyAlgorithm.Ecdsa, 256, "1.2.840.113549.1.1.11" },
        { KeyAlgorithm.Ecdsa, 384, KeyAlgorithm.Ecdsa, 256, "1.2.840.10045.4.3.3" },
        { KeyAlgorithm.Ecdsa, 521, KeyAlgorithm.Rsa, 3072, "1.2.840.10045.4.3.4" },
        { KeyAlgorithm.Rsa, 3072, KeyAlgorithm.Ecdsa, 521, "1.2.840.113549.1.1.11" },
        { KeyAlgorithm.Rsa, 4096, KeyAlgorithm.Rsa, 2048, "1.2.840.113549.1.1.11" },
    };

    [Theory]
    [MemberData(nameof(AlgorithmMixes))]
    public void SignWithCa_AnyKeyTypeMix_VerifiesWithCaSignatureAlgorithm(
        KeyAlgorithm caAlgorithm, int caSize, KeyAlgorithm leafAlgorithm, int leafSize, string signatureOid)
    {
        AsymmetricAlgorithm caKey = TestKeys.Get(caAlgorithm, caSize);
        using X509Certificate2 ca = TestPki.SelfSignedCa(caKey);

        using X509Certificate2 leaf = TestPki.Leaf(ca, caKey, TestKeys.Get(leafAlgorithm, leafSize));

        Assert.Equal(signatureOid, leaf.SignatureAlgorithm.Value);
        (bool valid, string status) = TestPki.VerifyChain(leaf, ca);
        Assert.True(valid, status);
        using var directory = new TempDirectory();
        OpenSsl.Succeed(
            "verify", "-attime", TestPki.OpenSslAtTime,
            "-CAfile", directory.Write("ca.pem", Pem.Encode(ca)), directory.Write("leaf.pem", Pem.Encode(leaf)));
    }

    [Fact]
    public void SignWithCa_DurationBeyondCa_TruncatesNotAfterToCas()
    {
        using X509Certificate2 ca = TestPki.SelfSignedCa(TestKeys.Ecdsa256(), duration: TimeSpan.FromDays(30));
        CertificateTemplate template = TestPki.LeafTemplate with { Duration = TimeSpan.FromDays(90) };

        using X509Certificate2 leaf = TestPki.Leaf(ca, TestKeys.Ecdsa256(), TestKeys.FreshEcdsa(), template);

        Assert.Equal(ca.NotAfter, leaf.NotAfter);
        Assert.Equal(TestPki.Now.AddDays(30), CertificateInspector.Inspect(leaf).NotAfter);
    }

    [Fact]
    public void SignWithCa_DurationWithinCa_NotAfterIsNowPlusDuration()
    {
        using X509Certificate2 ca = TestPki.SelfSignedCa(TestKeys.Ecdsa256());

        using X509Certificate2 leaf = TestPki.Leaf(ca, TestKeys.Ecdsa256(), TestKeys.FreshEcdsa());

        CertificateDetails details = CertificateInspector.Inspect(leaf);
        Assert.Equal(TestPki.Now, details.NotBefore);
        Assert.Equal(TestPki.Now + CertificateTemplate.DefaultDuration, details.NotAfter);
    }

    [Fact]
    public void SignWithCa_NamesComeFromCsrNotTemplate()
    {
        using X509Certificate2 ca = TestPki.SelfSignedCa(TestKeys.Ecdsa256());
        string csr = CsrBuilder.CreatePem(TestKeys.Ecdsa256(), Templates.Full);
        var unrelated = new CertificateTemplate { CommonName = "ignored.example.com", DnsNames = ["ignored.example.com"] };

        using X509Certificate2 leaf = CertificateSigner.SignWithCa(csr, ca, TestKeys.Ecdsa256(), unrelated, TestPki.Now);

        CertificateDetails details = CertificateInspector.Inspect(leaf);
        Assert.Equal(Templates.Full.DnsNames, details.DnsNames);
        Assert.Equal(Templates.Full.IpAddresses, details.IpAddresses);
        Assert.Equal(Templates.Full.Uris, details.Uris);
        Assert.Equal(Templates.Full.EmailAddresses, details.EmailAddresses);
        Assert.Equal(Templates.FullSubject, Templates.Rdns(leaf.SubjectName));
        Assert.Equal([KeyUsages.DigitalSignature, KeyUsages.KeyEncipherment], details.Usages);
    }

    [Fact]
    public void SignWithCa_Leaf_HasExtensionsMarkedAsCertManagerDoes()
    {
        using X509Certificate2 ca = TestPki.SelfSignedCa(TestKeys.Ecdsa256());

        using X509Certificate2 leaf = TestPki.Leaf(ca, TestKeys.Ecdsa256(), TestKeys.FreshEcdsa());

        X509ExtensionCollection extensions = leaf.Extensions;
        var basicConstraints = Assert.Single(extensions.OfType<X509BasicConstraintsExtension>());
        Assert.True(basicConstraints.Critical);
        Assert.False(basicConstraints.CertificateAuthority);
        Assert.True(Assert.Single(extensions.OfType<X509KeyUsageExtension>()).Critical);
        Assert.False(Assert.Single(extensions.OfType<X509EnhancedKeyUsageExtension>()).Critical);
        Assert.False(extensions["2.5.29.17"]!.Critical);
        Assert.Equal(CertificateSignerSelfSignTests.SubjectKeyId(ca), CertificateSignerSelfSignTests.AuthorityKeyId(leaf));
        Assert.NotEqual(CertificateSignerSelfSignTests.SubjectKeyId(ca), CertificateSignerSelfSignTests.SubjectKeyId(leaf));
    }

    [Fact]
    public void SignWithCa_CsrWithoutSubject_MarksAltNamesCritical()
    {
        using X509Certificate2 ca = TestPki.SelfSignedCa(TestKeys.Ecdsa256());
        var template = new CertificateTemplate { DnsNames = ["no-subject.example.com"] };

        using X509Certificate2 leaf = TestPki.Leaf(ca, TestKeys.Ecdsa256(), TestKeys.FreshEcdsa(), template);

        Assert.True(leaf.Extensions["2.5.29.17"]!.Critical);
        Assert.Equal(2, leaf.SubjectName.RawData.Length);
        (bool valid, string status) = TestPki.VerifyChain(leaf, ca);
        Assert.True(valid, status);
    }

    [Fact]
    public void SignWithCa_IssuerNotACa_ThrowsPkiException()
    {
        using X509Certificate2 ca = TestPki.SelfSignedCa(TestKeys.Ecdsa256());
        using ECDsa notCaKey = TestKeys.FreshEcdsa();
        using X509Certificate2 notCa = TestPki.Leaf(ca, TestKeys.Ecdsa256(), notCaKey);
        string csr = CsrBuilder.CreatePem(TestKeys.FreshEcdsa(), TestPki.LeafTemplate);

        var error = Assert.Throws<PkiException>(() => CertificateSigner.SignWithCa(csr, notCa, notCaKey, TestPki.LeafTemplate, TestPki.Now));

        Assert.Contains("is not a CA", error.Message);
    }

    [Fact]
    public void SignWithCa_CaWithoutCertSignUsage_ThrowsPkiException()
    {
        using ECDsa key = TestKeys.FreshEcdsa();
        var request = new CertificateRequest("CN=No Cert Sign", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        using X509Certificate2 ca = request.CreateSelfSigned(TestPki.Now, TestPki.Now.AddDays(1));
        string csr = CsrBuilder.CreatePem(TestKeys.FreshEcdsa(), TestPki.LeafTemplate);

        var error = Assert.Throws<PkiException>(() => CertificateSigner.SignWithCa(csr, ca, key, TestPki.LeafTemplate, TestPki.Now));

        Assert.Contains("cert sign", error.Message);
    }

    [Fact]
    public void SignWithCa_KeyNotTheCas_ThrowsEvenAfterASuccessfulSigning()
    {
        using X509Certificate2 ca = TestPki.SelfSignedCa(TestKeys.Ecdsa256());
        string csr = CsrBuilder.CreatePem(TestKeys.FreshEcdsa(), TestPki.LeafTemplate);
        using X509Certificate2 first = CertificateSigner.SignWithCa(csr, ca, TestKeys.Ecdsa256(), TestPki.LeafTemplate, TestPki.Now);
        using ECDsa wrongKey = TestKeys.FreshEcdsa();

        var error = Assert.Throws<PkiException>(() => CertificateSigner.SignWithCa(csr, ca, wrongKey, TestPki.LeafTemplate, TestPki.Now));

        Assert.Contains("does not match", error.Message);
    }

    [Fact]
    public void SignWithCa_ExpiredCa_ThrowsPkiException()
    {
        using X509Certificate2 ca = TestPki.SelfSignedCa(TestKeys.Ecdsa256(), duration: TimeSpan.FromDays(1));
        string csr = CsrBuilder.CreatePem(TestKeys.FreshEcdsa(), TestPki.LeafTemplate);

        var error = Assert.Throws<PkiException>(() =>
            CertificateSigner.SignWithCa(csr, ca, TestKeys.Ecdsa256(), TestPki.LeafTemplate, TestPki.Now.AddDays(2)));

        Assert.Contains("expired", error.Message);
    }

    [Fact]
    public void SignWithCa_TamperedCsr_ThrowsPkiException()
    {
        using X509Certificate2 ca = TestPki.SelfSignedCa(TestKeys.Ecdsa256());
        byte[] der = Pem.DecodeCsr(CsrBuilder.CreatePem(TestKeys.FreshEcdsa(), TestPki.LeafTemplate));
        der[^10] ^= 0x01; // inside the signature

        Assert.Throws<PkiException>(() =>
            CertificateSigner.SignWithCa(Pem.EncodeCsr(der), ca, TestKeys.Ecdsa256(), TestPki.LeafTemplate, TestPki.Now));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void SignWithCa_NonPositiveDuration_ThrowsPkiException(int hours)
    {
        using X509Certificate2 ca = TestPki.SelfSignedCa(TestKeys.Ecdsa256());
        CertificateTemplate template = TestPki.LeafTemplate with { Duration = TimeSpan.FromHours(hours) };

        var error = Assert.Throws<PkiException>(() => TestPki.Leaf(ca, TestKeys.Ecdsa256(), TestKeys.FreshEcdsa(), template));

        Assert.Contains("duration", error.Message);
    }

    [Fact]
    public void SignWithCa_CsrNamingNothing_ThrowsPkiException()
    {
        using X509Certificate2 ca = TestPki.SelfSignedCa(TestKeys.Ecdsa256());
        using ECDsa key = TestKeys.FreshEcdsa();
        string csr = new CertificateRequest(new X500DistinguishedName(""), key, HashAlgorithmName.SHA256).CreateSigningRequestPem();

        var error = Assert.Throws<PkiException>(() => CertificateSigner.SignWithCa(csr, ca, TestKeys.Ecdsa256(), TestPki.LeafTemplate, TestPki.Now));

        Assert.Contains("neither a subject nor subject alternative names", error.Message);
    }

    [Fact]
    public void SignWithCa_NowWithFractionalSeconds_ValidityInWholeSeconds()
    {
        using X509Certificate2 ca = TestPki.SelfSignedCa(TestKeys.Ecdsa256());
        DateTimeOffset now = TestPki.Now.AddMilliseconds(750);
        string csr = CsrBuilder.CreatePem(TestKeys.FreshEcdsa(), TestPki.LeafTemplate);

        using X509Certificate2 leaf = CertificateSigner.SignWithCa(csr, ca, TestKeys.Ecdsa256(), TestPki.LeafTemplate, now);

        CertificateDetails details = CertificateInspector.Inspect(leaf);
        Assert.Equal(TestPki.Now, details.NotBefore);
        Assert.Equal(TestPki.Now + CertificateTemplate.DefaultDuration, details.NotAfter);
    }

    [Fact]
    public void SignWithCa_ConcurrentCallsOnOneCa_AllVerify()
    {
        using X509Certificate2 ca = TestPki.SelfSignedCa(TestKeys.Ecdsa256());
        string[] csrs = [.. Enumerable.Range(0, 8).Select(i => CsrBuilder.CreatePem(TestKeys.FreshEcdsa(), TestPki.LeafTemplate))];

        X509Certificate2[] leaves = new X509Certificate2[64];
        Parallel.For(0, leaves.Length, i =>
            leaves[i] = CertificateSigner.SignWithCa(csrs[i % csrs.Length], ca, TestKeys.Ecdsa256(), TestPki.LeafTemplate, TestPki.Now));

        Assert.All(leaves, leaf => Assert.True(TestPki.VerifyChain(leaf, ca).Valid));
        Assert.Equal(leaves.Length, leaves.Select(l => l.SerialNumber).Distinct().Count());
        Array.ForEach(leaves, l => l.Dispose());
    }
}
