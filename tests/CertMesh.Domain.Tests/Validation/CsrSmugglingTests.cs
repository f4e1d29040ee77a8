using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertMesh.Domain.Tests.Support;
using CertMesh.Domain.Validation;
using Xunit;

namespace CertMesh.Domain.Tests.Validation;

/// <summary>
/// A supplied CSR whose subject or names hold something no spec, validation or approval policy judges (and a signer
/// would copy) is refused, naming what: the ways to smuggle a name past a CertificateRequestPolicy.
/// </summary>
public sealed class CsrSmugglingTests
{
    [Theory]
    [InlineData("CN=admin.bank.example, CN=web.example.com", "a second subject commonName")]
    [InlineData("OID.0.9.2342.19200300.100.1.1=admin, CN=web.example.com", "subject attribute 0.9.2342.19200300.100.1.1")]
    public void Validate_CsrSubjectWithUnjudgedParts_RefusedNamingThem(string subject, string named)
    {
        var command = Commands.ValidWithCsr() with { Csr = Csr(subject, san => san.AddDnsName("web.example.com")) };

        var error = Assert.Single(CertificateValidator.Validate(command, Commands.CaIssuer), e => e.Message.Contains("CertMesh signs only names it can judge"));

        Assert.Equal("csr", error.Field);
        Assert.Contains(named, error.Message);
    }

    [Fact]
    public void Validate_CsrWithMultiValuedRdn_Refused()
    {
        // CN=web.example.com + O=system:masters in one RDN: a reader taking single-valued RDNs only would see neither.
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        using (writer.PushSetOf())
        {
            foreach (var (oid, value) in new[] { ("2.5.4.3", "web.example.com"), ("2.5.4.10", "system:masters") })
            {
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(oid);
                    writer.WriteCharacterString(UniversalTagNumber.UTF8String, value);
                }
            }
        }
        var command = Commands.ValidWithCsr() with { Csr = Csr(new X500DistinguishedName(writer.Encode()), san => san.AddDnsName("web.example.com")) };

        var errors = CertificateValidator.Validate(command, Commands.CaIssuer);

        Assert.Contains(errors, e => e.Field == "csr" && e.Message.Contains("a multi-valued subject RDN"));
    }

    [Fact]
    public void Validate_CsrWithOtherNameSan_Refused()
    {
        var command = Commands.ValidWithCsr() with { Csr = Csr("CN=web.example.com", san => { san.AddDnsName("web.example.com"); san.AddUserPrincipalName("administrator@corp"); }) };

        var errors = CertificateValidator.Validate(command, Commands.CaIssuer);

        Assert.Contains(errors, e => e.Field == "csr" && e.Message.Contains("a subjectAltName of type [0]"));
    }

    [Fact]
    public void Validate_OrdinaryCsr_NothingUnjudged()
    {
        var command = Commands.ValidWithCsr();

        Assert.DoesNotContain(CertificateValidator.Validate(command, Commands.CaIssuer), e => e.Message.Contains("judge"));
    }

    static string Csr(string subject, Action<SubjectAlternativeNameBuilder> names) => Csr(new X500DistinguishedName(subject), names);

    static string Csr(X500DistinguishedName subject, Action<SubjectAlternativeNameBuilder> names)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        names(san);
        request.CertificateExtensions.Add(san.Build());
        return request.CreateSigningRequestPem();
    }
}
