using System.Globalization;
using CertMesh.Contracts;

namespace CertMesh.Bench.Ca;

/// <summary>The certificates a run asks for: <c>c&lt;i&gt;</c> in the run's namespace, one DNS name, ECDSA P-256, from the CA ClusterIssuer.</summary>
internal static class BenchCertificates
{
    public static string Name(int index) => string.Create(CultureInfo.InvariantCulture, $"c{index}");

    public static bool TryParseIndex(string name, out int index)
    {
        index = -1;
        return name.Length > 1 && name[0] == 'c'
            && int.TryParse(name.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }

    public static IssueCertificate Issue(string @namespace, int index, string clusterIssuer)
    {
        var name = Name(index);
        return new IssueCertificate
        {
            Namespace = @namespace,
            Name = name,
            Spec = new CertificateSpec
            {
                SecretName = $"{name}-tls",
                DnsNames = [$"{name}.bench.test"],
                IssuerRef = new IssuerReference { Name = clusterIssuer, Kind = "ClusterIssuer", Group = "cert-manager.io" },
                PrivateKey = new CertificatePrivateKey { Algorithm = "ECDSA", Size = 256 },
            },
        };
    }

    public static DeleteCertificate Delete(string @namespace, int index) => new() { Namespace = @namespace, Name = Name(index) };
}
