using System.Security.Cryptography;
using System.Text;
using CertMesh.Contracts;
using CertMesh.Domain.Policies;
using CertMesh.Domain.Resources;

namespace CertMesh.Domain.Tests.Support;

/// <summary>A Certificate and a matching, healthy Secret (ECDSA P-256, 90 days from <see cref="TestPki.NotBefore"/>).</summary>
internal static class PolicyFixture
{
    public static readonly DateTimeOffset NotAfter = TestPki.NotBefore.AddDays(90);
    /// <summary>Well inside the validity, before the renewal time (day 60).</summary>
    public static readonly DateTimeOffset Healthy = TestPki.NotBefore.AddDays(10);

    public static Certificate Certificate(string? issuedSpecHash = null) => new()
    {
        Metadata = new ObjectMeta { Namespace = "default", Name = "web" },
        Spec = Spec,
        Status = new CertificateStatus { IssuedSpecHash = issuedSpecHash },
    };

    public static CertificateSpec Spec { get; } = new()
    {
        SecretName = "web-tls",
        IssuerRef = new IssuerReference { Name = "ca-issuer" },
        CommonName = "web.example.com",
        DnsNames = ["web.example.com"],
        Duration = "2160h",
    };

    /// <summary>The parsed Secret; dispose it.</summary>
    public static SecretContents Secret(AsymmetricAlgorithm? certificateKey = null, AsymmetricAlgorithm? storedKey = null,
        IReadOnlyList<string>? dnsNames = null, IReadOnlyDictionary<string, string>? annotations = null)
    {
        using var ownedKey = certificateKey is null ? TestPki.NewEcdsa() : null;
        var key = certificateKey ?? ownedKey!;
        using var certificate = TestPki.SelfSigned(key, TestPki.NotBefore, NotAfter, dnsNames: dnsNames);
        return SecretContents.Parse(TestPki.SecretFor(certificate, storedKey ?? key, annotations));
    }

    public static SecretContents RawSecret(string? tlsCrt, string? tlsKey)
    {
        var data = new Dictionary<string, byte[]>();
        if (tlsCrt is not null)
        {
            data[SecretKeys.TlsCrt] = Encoding.ASCII.GetBytes(tlsCrt);
        }
        if (tlsKey is not null)
        {
            data[SecretKeys.TlsKey] = Encoding.ASCII.GetBytes(tlsKey);
        }
        return SecretContents.Parse(new Secret { Data = data });
    }

    public static PolicyInput Input(SecretContents? secret, DateTimeOffset? now = null, Certificate? certificate = null) =>
        PolicyInput.Create(certificate ?? Certificate(), secret, now ?? Healthy);
}
