using CertMesh.Cli;
using CertMesh.Cli.Resources;
using Xunit;

namespace CertMesh.Cli.Tests.Resources;

public sealed class KindsTests
{
    [Theory]
    [InlineData("certificate", "Certificate")]
    [InlineData("certificates", "Certificate")]
    [InlineData("cert", "Certificate")]
    [InlineData("certs", "Certificate")]
    [InlineData("Certificate", "Certificate")]
    [InlineData("certificates.cert-manager.io", "Certificate")]
    [InlineData("certificaterequest", "CertificateRequest")]
    [InlineData("certificaterequests", "CertificateRequest")]
    [InlineData("cr", "CertificateRequest")]
    [InlineData("crs", "CertificateRequest")]
    [InlineData("issuer", "Issuer")]
    [InlineData("issuers", "Issuer")]
    [InlineData("clusterissuer", "ClusterIssuer")]
    [InlineData("clusterissuers", "ClusterIssuer")]
    [InlineData("ciss", "ClusterIssuer")]
    [InlineData("cis", "ClusterIssuer")]
    [InlineData("order", "Order")]
    [InlineData("orders.acme.cert-manager.io", "Order")]
    [InlineData("challenge", "Challenge")]
    [InlineData("challenges", "Challenge")]
    [InlineData("certificaterequestpolicies", "CertificateRequestPolicy")]
    [InlineData("crp", "CertificateRequestPolicy")]
    [InlineData("certificaterequestpolicies.policy.cert-manager.io", "CertificateRequestPolicy")]
    [InlineData("secret", "Secret")]
    [InlineData("secrets", "Secret")]
    [InlineData("principal", "Principal")]
    [InlineData("principals.auth.certmesh.io", "Principal")]
    [InlineData("rolebindings", "RoleBinding")]
    [InlineData("clusterrolebinding", "ClusterRoleBinding")]
    [InlineData("ClusterIssuerGrant", "ClusterIssuerGrant")]
    [InlineData("clusterissuergrants", "ClusterIssuerGrant")]
    [InlineData("events", "Event")]
    [InlineData("ev", "Event")]
    public void Resolve_KubectlNames_GiveStoredKind(string text, string kind)
    {
        Assert.Equal(kind, Kinds.Resolve(text).Kind);
    }

    [Theory]
    [InlineData("pods")]
    [InlineData("certificates.example.com")]
    [InlineData("secrets.cert-manager.io")]
    public void Resolve_UnknownName_IsUsageError(string text)
    {
        var error = Assert.Throws<UsageException>(() => Kinds.Resolve(text));

        Assert.StartsWith($"the server doesn't have a resource type \"{text}\"", error.Message);
    }

    [Fact]
    public void Names_MatchKubectlWording()
    {
        Assert.Equal("certificates.cert-manager.io", Kinds.Certificate.Resource);
        Assert.Equal("certificate.cert-manager.io", Kinds.Certificate.SingularResource);
        Assert.Equal("clusterissuer.cert-manager.io", Kinds.ClusterIssuer.SingularResource);
        Assert.Equal("challenges.acme.cert-manager.io", Kinds.Challenge.Resource);
        Assert.Equal("secrets", Kinds.Secret.Resource);
        Assert.False(Kinds.ClusterIssuer.Namespaced);
        Assert.Equal("principals.auth.certmesh.io", Kinds.Principal.Resource);
        Assert.True(Kinds.RoleBinding.Namespaced);
        Assert.False(Kinds.Principal.Namespaced || Kinds.ClusterRoleBinding.Namespaced || Kinds.ClusterIssuerGrant.Namespaced);
    }
}
