using CertMesh.Edge.Tests.Support;
using CertMesh.Edge.Tls;

namespace CertMesh.Edge.Tests.Tls;

public sealed class ServedCertificateFactoryTests : IDisposable
{
    readonly TestCertificates _certificates = new();

    [Fact]
    public void TryCreate_CertificateSecret_ServesLeafNamesWithPrebuiltContextAndAlpn()
    {
        var leaf = _certificates.Issue("tls.example.test", "*.wild.example.test");

        var served = ServedCertificateFactory.TryCreate(TestCertificates.SecretFor("edge", "tls", leaf), 7, out var reason);

        Assert.NotNull(served);
        Assert.Equal("", reason);
        Assert.Equal("edge/tls", served.Source);
        Assert.Equal(7, served.Version);
        Assert.Equal(["tls.example.test", "*.wild.example.test"], served.Hosts);
        Assert.Equal(leaf.SerialNumber, served.SerialNumber);
        Assert.NotNull(served.ServerOptions.ServerCertificateContext);
        Assert.Equal(leaf.SerialNumber, served.ServerOptions.ServerCertificateContext!.TargetCertificate.SerialNumber);
        Assert.Equal(["h2", "http/1.1"], served.ServerOptions.ApplicationProtocols!.Select(p => p.ToString()));
        Assert.False(served.ServerOptions.ClientCertificateRequired);
    }

    [Fact]
    public void TryCreate_KeyOfAnotherCertificate_IsSkippedWithReason()
    {
        var leaf = _certificates.Issue("tls.example.test");
        var other = _certificates.Issue("other.example.test");

        var served = ServedCertificateFactory.TryCreate(TestCertificates.SecretFor("edge", "tls", leaf, keyPem: other.KeyPem), 1, out var reason);

        Assert.Null(served);
        Assert.Contains("tls.key does not match", reason);
    }

    [Fact]
    public void TryCreate_NoPrivateKey_IsSkippedWithReason()
    {
        var leaf = _certificates.Issue("tls.example.test");

        var served = ServedCertificateFactory.TryCreate(TestCertificates.SecretFor("edge", "csr-mode", leaf, withKey: false), 1, out var reason);

        Assert.Null(served);
        Assert.Contains("no tls.key", reason);
    }

    public void Dispose() => _certificates.Dispose();
}
