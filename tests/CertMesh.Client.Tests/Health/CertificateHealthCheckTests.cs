using System.Security.Cryptography.X509Certificates;
using CertMesh.Client.Health;
using CertMesh.Client.Keys;
using CertMesh.Client.Lifecycle;
using CertMesh.Client.Tests.Support;
using CertMesh.Client.Tls;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CertMesh.Client.Tests.Health;

public sealed class CertificateHealthCheckTests
{
    static readonly DateTimeOffset Issued = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    readonly FakeTimeProvider _time = new(Issued);
    readonly ServedCertificate _served;

    public CertificateHealthCheckTests()
    {
        var key = ClientKey.Generate("ECDSA", 256);
        var chain = new X509Certificate2Collection();
        chain.ImportFromPem(new TestCa().Issue(key, "checkout.example.test", Issued, Issued.AddDays(90)));
        _served = ServedCertificate.Create(chain, key);
    }

    HealthCheckResult Check(CertificateState state) => CertificateHealthCheck.Evaluate(state, "shop/checkout", _time.GetUtcNow());

    [Fact]
    public void Evaluate_NoCertificate_Unhealthy()
    {
        var result = Check(CertificateState.Empty);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal("shop/checkout: no certificate yet", result.Description);
    }

    [Fact]
    public void Evaluate_Valid_BeforeRenewalTime_Healthy()
    {
        var result = Check(new CertificateState(_served, Issued.AddDays(60), null));

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Contains(_served.SerialNumber, result.Description);
    }

    [Fact]
    public void Evaluate_PastRenewalTime_Degraded()
    {
        _time.Advance(TimeSpan.FromDays(61));

        var result = Check(new CertificateState(_served, Issued.AddDays(60), null));

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Contains("past its renewal time", result.Description);
    }

    [Fact]
    public void Evaluate_LastRenewalFailed_DegradedWithReason()
    {
        var result = Check(new CertificateState(_served, Issued.AddDays(60), new RenewalFailure("Failed", "the CA is unreachable", Issued)));

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Contains("last renewal failed", result.Description);
        Assert.Contains("Failed: the CA is unreachable", result.Description);
    }

    [Fact]
    public void Evaluate_Expired_Unhealthy()
    {
        _time.Advance(TimeSpan.FromDays(91));

        var result = Check(new CertificateState(_served, Issued.AddDays(60), null));

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("expired", result.Description);
    }
}
