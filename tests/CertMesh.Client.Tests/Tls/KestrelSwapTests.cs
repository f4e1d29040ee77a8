using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using CertMesh.Client.Configuration;
using CertMesh.Client.Keys;
using CertMesh.Client.Tests.Support;
using CertMesh.Client.Tls;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Xunit;

namespace CertMesh.Client.Tests.Tls;

/// <summary>A real Kestrel on a loopback port: each new TLS connection gets the revision in the slot at that moment.</summary>
public sealed class KestrelSwapTests
{
    readonly TestCa _ca = new();

    ServedCertificate Revision(string dnsName)
    {
        var key = ClientKey.Generate("ECDSA", 256);
        var chain = new X509Certificate2Collection();
        chain.ImportFromPem(_ca.Issue(key, dnsName, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1)));
        return ServedCertificate.Create(chain, key);
    }

    static CertificateSlots Slots() => new(Options.Create(new CertMeshOptions { Certificates = { ["checkout"] = Definitions.Checkout() } }));

    static async Task<WebApplication> StartAsync(CertificateSlots slots, Action<WebApplicationBuilder> https)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddSingleton(slots);
        https(builder);
        var app = builder.Build();
        app.MapGet("/", () => "ok");
        await app.StartAsync();
        return app;
    }

    static int Port(WebApplication app) => new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;

    static async Task<X509Certificate2> HandshakeAsync(int port)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        await using var tls = new SslStream(tcp.GetStream(), false, (_, _, _, _) => true);
        await tls.AuthenticateAsClientAsync("checkout.example.test");
        return new X509Certificate2(tls.RemoteCertificate!);
    }

    [Fact]
    public async Task UseCertMeshHttps_WebHost_NewConnectionsSeeEachRevision_NoRebind()
    {
        var slots = Slots();
        var first = Revision("checkout.example.test");
        slots.Get("checkout").Swap(first);
        await using var app = await StartAsync(slots, b =>
        {
            b.WebHost.UseUrls("https://127.0.0.1:0");
            b.WebHost.UseCertMeshHttps("checkout");
        });
        var port = Port(app);

        var before = await HandshakeAsync(port);
        var second = Revision("checkout.example.test");
        slots.Get("checkout").Swap(second);
        var after = await HandshakeAsync(port);

        Assert.Equal(first.SerialNumber, before.SerialNumber);
        Assert.Equal(second.SerialNumber, after.SerialNumber);
        Assert.Equal(port, Port(app));
    }

    [Fact]
    public async Task UseCertMeshHttps_ListenOptions_ServesTheSlotsRevision()
    {
        var slots = Slots();
        var first = Revision("checkout.example.test");
        slots.Get("checkout").Swap(first);
        await using var app = await StartAsync(slots, b => b.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseCertMeshHttps("checkout"))));

        var served = await HandshakeAsync(Port(app));

        Assert.Equal(first.SerialNumber, served.SerialNumber);
    }

    [Fact]
    public void Get_UndeclaredCertificate_NamesTheDeclaredOnes()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => Slots().Get("payments"));

        Assert.Contains("no certificate \"payments\" is declared (CertMesh:Certificates:payments", exception.Message);
        Assert.Contains("declared: checkout", exception.Message);
    }

    [Fact]
    public async Task HostedService_AddedByTheApplication_StartsBeforeKestrelListens()
    {
        // What CertificateStartup relies on: WebApplication starts the application's hosted services before the server.
        var gate = new TaskCompletionSource();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var probe = new StartProbe(gate.Task);
        builder.Services.AddSingleton<IHostedService>(probe);
        await using var app = builder.Build();

        var starting = app.StartAsync();
        await probe.Entered.Task;
        var addressesWhileHeld = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Count;
        gate.SetResult();
        await starting;

        Assert.Equal(0, addressesWhileHeld);
        Assert.NotEmpty(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses);
    }

    sealed class StartProbe(Task gate) : IHostedService
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            Entered.SetResult();
            await gate;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
