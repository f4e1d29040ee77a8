using CertMesh.Contracts;

namespace CertMesh.Integration.Tests.Support;

/// <summary>Well-formed commands to start from; tests change one thing at a time with <c>with</c>.</summary>
internal static class Commands
{
    public static IssueCertificate Issue(string @namespace, string name, string issuer = StackFixture.CaIssuer) => new()
    {
        Namespace = @namespace,
        Name = name,
        Spec = new CertificateSpec
        {
            SecretName = name + "-tls",
            CommonName = $"{name}.{@namespace}.test",
            DnsNames = [$"{name}.{@namespace}.test"],
            IssuerRef = new IssuerReference { Name = issuer, Kind = "ClusterIssuer" },
        },
    };

    public static IssueCertificate WithSpec(this IssueCertificate command, Func<CertificateSpec, CertificateSpec> change) =>
        command with { Spec = change(command.Spec) };
}
