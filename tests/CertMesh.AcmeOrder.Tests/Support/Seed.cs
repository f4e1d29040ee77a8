using System.Text.Json;
using CertMesh.Contracts;
using CertMesh.Contracts.Acme;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Resources;
using CertMesh.Pki;

namespace CertMesh.AcmeOrder.Tests.Support;

/// <summary>Resources and commands the tests start from, with names no other test (or earlier run) used.</summary>
internal static class Seed
{
    public const string Http01Solver = """{"http01":{"ingress":{"ingressClassName":"certmesh-edge"}}}""";

    public static string Namespace() => "ns-" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>A name Pebble has never authorized, so it never reuses an authorization for it.</summary>
    public static string DnsName(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..12]}.certmesh.test";

    public static Issuer AcmeIssuer(string kind, string @namespace, string name, Uri server, string solvers = "[" + Http01Solver + "]", string? email = "ops@certmesh.test") =>
        new()
        {
            Kind = kind,
            Metadata = new ObjectMeta { Namespace = @namespace, Name = name, Uid = Guid.NewGuid(), Generation = 1, CreationTimestamp = DateTimeOffset.UtcNow },
            Spec = new IssuerSpec
            {
                Acme = JsonDocument.Parse(JsonSerializer.Serialize(new Dictionary<string, object?>
                {
                    ["server"] = server.AbsoluteUri,
                    ["email"] = email,
                    ["privateKeySecretRef"] = new { name = name + "-account-key" },
                    ["solvers"] = JsonDocument.Parse(solvers).RootElement,
                })).RootElement,
            },
        };

    public static async Task<ResourceKey> StoreAsync(AcmeOrderFixture fixture, Issuer issuer)
    {
        var key = new ResourceKey(issuer.Kind, issuer.Metadata.Namespace, issuer.Metadata.Name);
        await fixture.RunAsync(unit => unit.Resources.CreateAsync(key, issuer.Metadata.Uid, issuer, null, CancellationToken.None));
        return key;
    }

    /// <summary>What Issuing sends for revision 1 of a certificate with these names (CSR made with a fresh key).</summary>
    public static CreateAcmeOrder Command(string @namespace, IssuerReference issuerRef, IReadOnlyList<string> dnsNames, IReadOnlyDictionary<string, string>? labels = null)
    {
        using var key = PrivateKeys.Generate(KeySpec.Default);
        return new CreateAcmeOrder
        {
            IssuanceId = Guid.NewGuid(),
            Namespace = @namespace,
            CertificateName = "shop",
            CertificateUid = Guid.NewGuid(),
            Revision = 1,
            RequestName = "shop-1",
            IssuerRef = issuerRef,
            CsrPem = CsrBuilder.CreatePem(key, new CertificateTemplate { CommonName = dnsNames[0], DnsNames = dnsNames }),
            CommonName = dnsNames[0],
            DnsNames = dnsNames,
            Labels = labels ?? new Dictionary<string, string>(),
        };
    }
}
