using CertMesh.Client.Configuration;
using CertMesh.Contracts;

namespace CertMesh.Client.Tests.Support;

internal static class Definitions
{
    public static CertMeshCertificateOptions Checkout(string keyAlgorithm = KeyAlgorithms.Ecdsa) => new()
    {
        Namespace = "shop",
        Spec = new CertificateSpec
        {
            IssuerRef = new IssuerReference { Name = "shop-ca", Kind = "Issuer" },
            DnsNames = ["checkout.example.test", "localhost"],
        },
        KeyAlgorithm = keyAlgorithm,
    };

    public static CertificateDefinition CheckoutDefinition(string keyAlgorithm = KeyAlgorithms.Ecdsa) =>
        CertificateDefinition.From("checkout", Checkout(keyAlgorithm));
}
