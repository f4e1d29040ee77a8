using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertMesh.Contracts;
using CertMesh.Domain.Approval;
using CertMesh.Domain.Resources;
using BclCertificateRequest = System.Security.Cryptography.X509Certificates.CertificateRequest;

namespace CertMesh.Domain.Tests.Approval;

/// <summary>Stored CertificateRequests with real CSRs, and the team-a policy the approval tests judge them by.</summary>
public static class ApprovalRequests
{
    private static readonly Lazy<RSA> Rsa1024 = new(() => RSA.Create(1024));

    public static readonly CertificateRequestPolicy TeamA = new()
    {
        Metadata = new ObjectMeta { Name = "team-a" },
        Spec = new CertificateRequestPolicySpec
        {
            Selector = new PolicySelector
            {
                IssuerRef = new SelectorIssuerRef { Name = "ca-*", Kind = "ClusterIssuer" },
                Namespace = new SelectorNamespace { MatchNames = ["team-a"] },
            },
            Allowed = new PolicyAllowed
            {
                CommonName = new AllowedString { Value = "*.team-a.example" },
                DnsNames = new AllowedStringSlice { Values = ["*.team-a.example"], Required = true },
                Usages = ["digital signature", "key encipherment", "server auth"],
                Subject = new AllowedSubject { Organizations = new AllowedStringSlice { Values = ["Team A"] } },
            },
            Constraints = new PolicyConstraints
            {
                MaxDuration = "2160h",
                MinDuration = "1h",
                PrivateKey = new PrivateKeyConstraints { MinSize = 256 },
            },
        },
    };

    /// <summary>A request inside <see cref="TeamA"/>; each test changes one thing.</summary>
    public sealed record Shape
    {
        public string Namespace { get; init; } = "team-a";
        public string IssuerName { get; init; } = "ca-issuer";
        public string? IssuerKind { get; init; } = "ClusterIssuer";
        public string? CommonName { get; init; } = "web.team-a.example";
        public IReadOnlyList<string> DnsNames { get; init; } = ["web.team-a.example"];
        public IReadOnlyList<string> IpAddresses { get; init; } = [];
        public string? Organization { get; init; }
        public IReadOnlyList<string>? Usages { get; init; } = ["digital signature", "key encipherment"];
        public bool IsCA { get; init; }
        public string? Duration { get; init; } = "720h";
        public bool Rsa1024Key { get; init; }
    }

    public static Resources.CertificateRequest Build(Shape shape)
    {
        var subject = string.Join(", ", new[]
        {
            shape.CommonName is null ? null : $"CN={shape.CommonName}",
            shape.Organization is null ? null : $"O={shape.Organization}",
        }.OfType<string>());
        using var ecdsa = shape.Rsa1024Key ? null : ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = shape.Rsa1024Key
            ? new BclCertificateRequest(subject, Rsa1024.Value, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : new BclCertificateRequest(subject, ecdsa!, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in shape.DnsNames)
        {
            san.AddDnsName(name);
        }
        foreach (var ip in shape.IpAddresses)
        {
            san.AddIpAddress(IPAddress.Parse(ip));
        }
        if (shape.DnsNames.Count + shape.IpAddresses.Count > 0)
        {
            request.CertificateExtensions.Add(san.Build());
        }
        return new Resources.CertificateRequest
        {
            Metadata = new ObjectMeta { Namespace = shape.Namespace, Name = "web-1" },
            Spec = new CertificateRequestSpec
            {
                Request = request.CreateSigningRequestPem(),
                IssuerRef = new IssuerReference { Name = shape.IssuerName, Kind = shape.IssuerKind },
                Duration = shape.Duration,
                Usages = shape.Usages,
                IsCA = shape.IsCA,
            },
        };
    }

    public static IReadOnlyDictionary<string, string> NoLabels { get; } = new Dictionary<string, string>();
}
