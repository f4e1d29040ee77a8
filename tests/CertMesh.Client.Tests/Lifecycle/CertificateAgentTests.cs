using CertMesh.Client.Keys;
using CertMesh.Client.Lifecycle;
using CertMesh.Client.Tests.Support;
using CertMesh.Client.Tls;
using CertMesh.Contracts;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CertMesh.Client.Tests.Lifecycle;

public sealed class CertificateAgentTests : IDisposable
{
    readonly TempDirectory _directory = new();
    readonly TestCa _ca = new();
    readonly FakeCommands _commands = new();
    readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    CertificateAgent NewAgent() => new(Definitions.CheckoutDefinition(), new KeyStore(_directory.Path), new CertificateSlot("checkout"),
        _commands, _time, NullLogger<CertificateAgent>.Instance);

    CertificateIssued Issued(string csr, int revision, TimeSpan? validFor = null) => new()
    {
        Namespace = "shop",
        Name = "checkout",
        Revision = revision,
        CertificatePem = _ca.Sign(csr, _time.GetUtcNow().AddMinutes(-1), _time.GetUtcNow() + (validFor ?? TimeSpan.FromDays(90))),
        RenewalTime = _time.GetUtcNow().AddDays(60),
    };

    [Fact]
    public async Task StartAsync_Fresh_SendsCsrForTheSpec_NoKeyInTheCommand()
    {
        var agent = NewAgent();

        await agent.StartAsync(CancellationToken.None);

        var command = Assert.Single(_commands.Issued);
        Assert.Equal(("shop", "checkout", "checkout-tls"), (command.Namespace, command.Name, command.Spec.SecretName));
        Assert.Equal("Always", command.Spec.PrivateKey!.RotationPolicy);
        Assert.Null(command.Spec.PrivateKey.Algorithm);
        Assert.StartsWith("-----BEGIN CERTIFICATE REQUEST-----", command.Csr);
        Assert.DoesNotContain("PRIVATE KEY", System.Text.Json.JsonSerializer.Serialize(command));
        Assert.Null(agent.Slot.Current);
    }

    [Fact]
    public async Task OnIssuedAsync_ForItsKey_ServedAndStored()
    {
        var agent = NewAgent();
        await agent.StartAsync(CancellationToken.None);
        var issued = Issued(_commands.Issued.Single().Csr!, 1);

        await agent.OnIssuedAsync(issued, CancellationToken.None);

        Assert.True(agent.Slot.FirstCertificate.IsCompleted);
        Assert.True(agent.Slot.Current!.Certificate.HasPrivateKey);
        Assert.Equal(issued.CertificatePem, new KeyStore(_directory.Path).Read(KeyStore.ChainFile));
        Assert.Equal(issued.RenewalTime, agent.State.RenewalTime);
    }

    [Fact]
    public async Task OnIssuedAsync_ForAnotherKey_Ignored()
    {
        var agent = NewAgent();
        await agent.StartAsync(CancellationToken.None);
        var stranger = Requests(ClientKey.Generate("ECDSA", 256));

        await agent.OnIssuedAsync(Issued(stranger, 1), CancellationToken.None);

        Assert.Null(agent.Slot.Current);
        Assert.Null(new KeyStore(_directory.Path).Read(KeyStore.ChainFile));
    }

    [Fact]
    public async Task StartAsync_AfterRestartWithValidCertificate_ServesAtOnce_ResendsSameCsr()
    {
        var first = NewAgent();
        await first.StartAsync(CancellationToken.None);
        var csr = _commands.Issued.Single().Csr!;
        await first.OnIssuedAsync(Issued(csr, 1), CancellationToken.None);
        var serial = first.Slot.Current!.SerialNumber;
        _commands.Answer = _ => new IssueOutcome(true, false, []);

        var restarted = NewAgent();
        await restarted.StartAsync(CancellationToken.None);

        Assert.Equal(serial, restarted.Slot.Current!.SerialNumber);
        Assert.Equal([csr, csr], _commands.Issued.Select(c => c.Csr));
        Assert.Empty(_commands.Renewed);
    }

    [Fact]
    public async Task StartAsync_Rejected_ThrowsWithCertMeshFieldErrors()
    {
        _commands.Answer = _ => new IssueOutcome(false, false, [new FieldError("spec.issuerRef.name", "NotFound: Issuer \"nope\" does not exist in namespace \"shop\"")]);
        var agent = NewAgent();

        var exception = await Assert.ThrowsAsync<CertificateRejectedException>(() => agent.StartAsync(CancellationToken.None));

        Assert.Contains("shop/checkout", exception.Message);
        Assert.Contains("spec.issuerRef.name: NotFound: Issuer \"nope\"", exception.Message);
    }

    [Fact]
    public async Task StartAsync_AcceptedButNothingToServe_AsksForRenewalAfterGrace()
    {
        _commands.Answer = _ => new IssueOutcome(true, false, []);
        var agent = NewAgent();

        var start = agent.StartAsync(CancellationToken.None);
        await Eventually(() => _commands.Issued.Count == 1);
        Assert.Empty(_commands.Renewed);
        _time.Advance(CertificateAgent.QueuedRevisionGrace);
        await start;

        Assert.Equal([("shop", "checkout")], _commands.Renewed);
    }

    [Fact]
    public async Task OnRenewalRequestedAsync_NewKeyCsr_ThenIssuedForIt_SwapsToNewKey()
    {
        var agent = NewAgent();
        await agent.StartAsync(CancellationToken.None);
        await agent.OnIssuedAsync(Issued(_commands.Issued.Single().Csr!, 1), CancellationToken.None);
        var before = agent.Slot.Current!;
        var request = new CertificateRenewalRequested { Namespace = "shop", Name = "checkout", Revision = 2, Reason = "Renewing", Attempt = 1 };

        await agent.OnRenewalRequestedAsync(request, CancellationToken.None);
        await agent.OnRenewalRequestedAsync(request with { Attempt = 2 }, CancellationToken.None);
        var answers = _commands.Issued.Skip(1).ToList();
        Assert.Same(before, agent.Slot.Current);
        await agent.OnIssuedAsync(Issued(answers[0].Csr!, 2), CancellationToken.None);

        Assert.Equal(2, answers.Count);
        Assert.Equal(answers[0].Csr, answers[1].Csr);
        Assert.NotEqual(_commands.Issued.First().Csr, answers[0].Csr);
        var after = agent.Slot.Current!;
        Assert.NotEqual(before.SerialNumber, after.SerialNumber);
        Assert.False(before.Certificate.PublicKey.ExportSubjectPublicKeyInfo().SequenceEqual(after.Certificate.PublicKey.ExportSubjectPublicKeyInfo()));
        Assert.Null(new KeyStore(_directory.Path).Read(KeyStore.PendingKeyFile));
    }

    [Fact]
    public async Task OnIssuedAsync_OlderRevisionAfterNewer_Ignored()
    {
        var agent = NewAgent();
        await agent.StartAsync(CancellationToken.None);
        var csr = _commands.Issued.Single().Csr!;
        var older = Issued(csr, 1);
        _time.Advance(TimeSpan.FromHours(1));
        var newer = Issued(csr, 2);

        await agent.OnIssuedAsync(newer, CancellationToken.None);
        await agent.OnIssuedAsync(older, CancellationToken.None);

        Assert.Equal(newer.CertificatePem, new KeyStore(_directory.Path).Read(KeyStore.ChainFile));
    }

    [Fact]
    public async Task OnFailed_Recorded_UntilNextRevision()
    {
        var agent = NewAgent();
        await agent.StartAsync(CancellationToken.None);

        agent.OnFailed(new CertificateIssuanceFailed { Namespace = "shop", Name = "checkout", Reason = "Failed", Message = "CA down" });
        Assert.Equal("CA down", agent.State.LastFailure!.Message);
        await agent.OnIssuedAsync(Issued(_commands.Issued.Single().Csr!, 1), CancellationToken.None);

        Assert.Null(agent.State.LastFailure);
    }

    static string Requests(ClientKey key) => CertMesh.Client.Requests.CsrFactory.CreatePem(key, Definitions.CheckoutDefinition().Spec);

    /// <summary>Polls a condition the code under test reaches on its own (no time passes on the fake clock).</summary>
    static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached within 10 s");
            await Task.Yield();
        }
    }

    public void Dispose() => _directory.Dispose();
}
