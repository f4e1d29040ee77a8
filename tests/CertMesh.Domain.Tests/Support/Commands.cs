using CertMesh.Contracts;
using CertMesh.Domain.Validation;

namespace CertMesh.Domain.Tests.Support;

/// <summary>Known-good commands; each test breaks exactly one thing.</summary>
internal static class Commands
{
    public static IssuerLookup CaIssuer { get; } = IssuerLookup.Of(IssuerType.Ca);
    public static IssuerLookup AcmeHttp01Only { get; } = IssuerLookup.Of(IssuerType.Acme, acmeHttp01Only: true);
    public static IssuerLookup AcmeWithDns01 { get; } = IssuerLookup.Of(IssuerType.Acme, acmeHttp01Only: false);

    /// <summary>Every field set, every value valid, for a CA issuer.</summary>
    public static IssueCertificate Valid() => new()
    {
        Namespace = "default",
        Name = "web",
        Spec = new CertificateSpec
        {
            SecretName = "web-tls",
            IssuerRef = new IssuerReference { Name = "ca-issuer", Kind = "Issuer", Group = "cert-manager.io" },
            CommonName = "web.example.com",
            DnsNames = ["web.example.com", "www.example.com"],
            IpAddresses = ["10.0.0.1", "2001:db8::1"],
            Uris = ["spiffe://cluster.local/ns/default/sa/web"],
            EmailAddresses = ["ops@example.com"],
            Subject = new X509Subject { Organizations = ["Example"], Countries = ["DE"] },
            Duration = "2160h",
            RenewBefore = "360h",
            PrivateKey = new CertificatePrivateKey { Algorithm = "ECDSA", Size = 384, Encoding = "PKCS8", RotationPolicy = "Always" },
            Usages = ["digital signature", "server auth", "client auth"],
            IsCA = false,
            RevisionHistoryLimit = 3,
            SecretTemplate = new SecretTemplate { Labels = new Dictionary<string, string> { ["app"] = "web" } },
            AdditionalOutputFormats = [new AdditionalOutputFormat { Type = "CombinedPEM" }, new AdditionalOutputFormat { Type = "DER" }],
        },
    };

    /// <summary>Valid for an ACME issuer: DNS and IP names only.</summary>
    public static IssueCertificate ValidForAcme()
    {
        var command = Valid();
        return command with { Spec = command.Spec with { Uris = null, EmailAddresses = null } };
    }

    /// <summary>Valid with a requester CSR for exactly the spec's names (and no key settings).</summary>
    public static IssueCertificate ValidWithCsr()
    {
        var command = Valid();
        return command with { Spec = command.Spec with { PrivateKey = null }, Csr = TestPki.CsrFor(command.Spec) };
    }

    public static IssueCertificate WithSpec(Func<CertificateSpec, CertificateSpec> change, IssueCertificate? command = null)
    {
        var baseCommand = command ?? Valid();
        return baseCommand with { Spec = change(baseCommand.Spec) };
    }
}
