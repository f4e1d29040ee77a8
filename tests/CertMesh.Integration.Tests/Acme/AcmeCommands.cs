using CertMesh.Contracts;
using CertMesh.Integration.Tests.Support;

namespace CertMesh.Integration.Tests.Acme;

/// <summary>Certificates from the stack's Pebble issuers; names end in <c>.example.test</c>, which BIND (Pebble's resolver) points at the Edge.</summary>
internal static class AcmeCommands
{
    public static IssueCertificate Issue(string @namespace, string name, params string[] dnsNames) =>
        IssueWith(StackFixture.AcmeIssuer, @namespace, name, dnsNames);

    public static IssueCertificate IssueWith(string clusterIssuer, string @namespace, string name, params string[] dnsNames) => new()
    {
        Namespace = @namespace,
        Name = name,
        Spec = new CertificateSpec
        {
            SecretName = name + "-tls",
            DnsNames = dnsNames.Length > 0 ? dnsNames : [$"{name}.{@namespace}.example.test"],
            IssuerRef = new IssuerReference { Name = clusterIssuer, Kind = "ClusterIssuer" },
        },
    };
}
