using System.Globalization;
using CertMesh.Contracts;

namespace CertMesh.Bench.Ca;

/// <summary>
/// The certificates a run asks for: <c>c&lt;i&gt;</c> in the run's namespace, ECDSA P-256, for
/// <c>c&lt;i&gt;.&lt;run&gt;.bench.example.test</c> (and its wildcard when asked), a name no earlier run used (so an ACME
/// CA cannot reuse an authorization) in the zone the local BIND serves, where Pebble resolves it.
/// </summary>
internal static class BenchCertificates
{
    public static string Name(int index) => string.Create(CultureInfo.InvariantCulture, $"c{index}");

    public static bool TryParseIndex(string name, out int index)
    {
        index = -1;
        return name.Length > 1 && name[0] == 'c'
            && int.TryParse(name.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }

    public static IssueCertificate Issue(string @namespace, int index, string clusterIssuer, bool wildcard = false)
    {
        var name = Name(index);
        var domain = $"{name}.{@namespace}.bench.example.test";
        return new IssueCertificate
        {
            Namespace = @namespace,
            Name = name,
            Spec = new CertificateSpec
            {
                SecretName = $"{name}-tls",
                DnsNames = wildcard ? [domain, "*." + domain] : [domain],
                IssuerRef = new IssuerReference { Name = clusterIssuer, Kind = "ClusterIssuer", Group = "cert-manager.io" },
                PrivateKey = new CertificatePrivateKey { Algorithm = "ECDSA", Size = 256 },
            },
        };
    }

    public static DeleteCertificate Delete(string @namespace, int index) => new() { Namespace = @namespace, Name = Name(index) };
}
