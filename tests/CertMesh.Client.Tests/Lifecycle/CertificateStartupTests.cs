using CertMesh.Client.Configuration;
using CertMesh.Client.Lifecycle;
using CertMesh.Client.Tests.Support;
using CertMesh.Client.Tls;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CertMesh.Client.Tests.Lifecycle;

public sealed class CertificateStartupTests : IDisposable
{
    readonly TempDirectory _directory = new();
    readonly FakeCommands _commands = new();
    readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    (CertificateStartup Startup, CertificateAgents Agents) Create()
    {
        var options = Options.Create(new CertMeshOptions
        {
            StorePath = _directory.Path,
            StartupTimeout = TimeSpan.FromSeconds(30),
            Certificates = { ["checkout"] = Definitions.Checkout() },
        });
        var agents = new CertificateAgents(options, new CertificateSlots(options), _commands, _time,
            new HostEnvironment(), NullLogger<CertificateAgent>.Instance);
        return (new CertificateStartup(agents, options, _time), agents);
    }

    [Fact]
    public async Task StartAsync_NoCertificateWithinTimeout_FailsNamingCertificateAndSetting()
    {
        var (startup, _) = Create();

        var starting = startup.StartAsync(CancellationToken.None);
        Assert.False(starting.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(30));
        var exception = await Assert.ThrowsAsync<TimeoutException>(() => starting);

        Assert.StartsWith("CertMesh: no certificate for shop/checkout within 00:00:30 (CertMesh:StartupTimeout)", exception.Message);
    }

    [Fact]
    public async Task StartAsync_FirstCertificateArrives_Completes()
    {
        var (startup, agents) = Create();
        var ca = new TestCa();

        var starting = startup.StartAsync(CancellationToken.None);
        var agent = agents.Find("shop", "checkout")!;
        await agent.OnIssuedAsync(new CertMesh.Contracts.CertificateIssued
        {
            Namespace = "shop",
            Name = "checkout",
            Revision = 1,
            CertificatePem = ca.Sign(_commands.Issued.Single().Csr!, _time.GetUtcNow().AddMinutes(-1), _time.GetUtcNow().AddDays(90)),
        }, CancellationToken.None);
        await starting;

        Assert.NotNull(agent.Slot.Current);
    }

    sealed class HostEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Test";
        public string ApplicationName { get; set; } = "client-tests";
        public string ContentRootPath { get; set; } = "";
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }

    public void Dispose() => _directory.Dispose();
}
