using System.Security.Cryptography;
using System.Text;
using CertMesh.Contracts;
using CertMesh.Contracts.Issuance;
using CertMesh.Domain.Resources;
using CertMesh.KeyManager.Keys;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CertMesh.KeyManager.Tests.Keys;

/// <summary>KeyManager's consumer on MassTransit's in-memory test harness, with the secret store in memory.</summary>
public sealed class GeneratePrivateKeyConsumerTests : IAsyncLifetime
{
    readonly InMemoryKeySecrets _secrets = new();
    ServiceProvider _provider = null!;
    ITestHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _provider = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IKeySecrets>(_secrets)
            .AddMassTransitTestHarness(bus => bus.AddConsumer<GeneratePrivateKeyConsumer>())
            .BuildServiceProvider(true);
        _harness = _provider.GetRequiredService<ITestHarness>();
        await _harness.Start();
    }

    public async Task DisposeAsync()
    {
        await _harness.Stop();
        await _provider.DisposeAsync();
    }

    [Fact]
    public async Task Consume_NoKeyYet_StoresTheKeyAndAnswersReady()
    {
        var command = Command(new CertificatePrivateKey { Algorithm = "ECDSA", Size = 384 });

        var ready = await AnswerAsync<PrivateKeyReady>(command);

        Assert.Equal(("checkout-next-key-3", false), (ready.KeySecretName, ready.Reused));
        var secret = _secrets.Secrets[("shop", "checkout-next-key-3")];
        Assert.Equal("true", secret.Metadata.Labels![GeneratePrivateKeyConsumer.NextKeyLabel]);
        using var key = ECDsa.Create();
        key.ImportFromPem(Encoding.UTF8.GetString(secret.Data[SecretKeys.TlsKey]));
        Assert.Equal(384, key.KeySize);
    }

    [Fact]
    public async Task Consume_Redelivered_KeepsTheFirstKeyAndAnswersAgain()
    {
        var command = Command(null);
        await AnswerAsync<PrivateKeyReady>(command);
        var first = _secrets.Secrets[("shop", "checkout-next-key-3")].Data[SecretKeys.TlsKey];

        await _harness.Bus.Publish(command);

        Assert.True(await WaitForAsync(() => _harness.Published.Select<PrivateKeyReady>().Count() == 2));
        Assert.Equal(1, _secrets.Puts);
        Assert.Equal(first, _secrets.Secrets[("shop", "checkout-next-key-3")].Data[SecretKeys.TlsKey]);
    }

    [Fact]
    public async Task Consume_UnsupportedSize_AnswersFailedNamingTheField()
    {
        var failed = await AnswerAsync<PrivateKeyGenerationFailed>(Command(new CertificatePrivateKey { Algorithm = "RSA", Size = 1000 }));

        Assert.Equal("InvalidPrivateKeySpec", failed.Reason);
        Assert.StartsWith("spec.privateKey.size: Unsupported value: 1000", failed.Message);
        Assert.Empty(_secrets.Secrets);
    }

    [Fact]
    public async Task Consume_RotationNeverWithAFittingKey_ReusesIt()
    {
        using var current = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        StoreCurrentKey(current.ExportECPrivateKeyPem());

        var ready = await AnswerAsync<PrivateKeyReady>(Command(new CertificatePrivateKey { RotationPolicy = "Never" }));

        Assert.True(ready.Reused);
        using var stored = ECDsa.Create();
        stored.ImportFromPem(Encoding.UTF8.GetString(_secrets.Secrets[("shop", "checkout-next-key-3")].Data[SecretKeys.TlsKey]));
        Assert.Equal(current.ExportSubjectPublicKeyInfo(), stored.ExportSubjectPublicKeyInfo());
    }

    [Fact]
    public async Task Consume_RotationNeverWithAKeyOfAnotherSize_GeneratesANewOne()
    {
        using var current = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        StoreCurrentKey(current.ExportECPrivateKeyPem());

        var ready = await AnswerAsync<PrivateKeyReady>(Command(new CertificatePrivateKey { RotationPolicy = "Never" }));

        Assert.False(ready.Reused);
    }

    void StoreCurrentKey(string pem) =>
        _secrets.Secrets[("shop", "checkout-tls")] = new Secret
        {
            Metadata = new ObjectMeta { Namespace = "shop", Name = "checkout-tls" },
            Data = new Dictionary<string, byte[]> { [SecretKeys.TlsKey] = Encoding.UTF8.GetBytes(pem) },
        };

    async Task<T> AnswerAsync<T>(GeneratePrivateKey command) where T : class
    {
        await _harness.Bus.Publish(command);
        Assert.True(await _harness.Published.Any<T>(_ => true), $"KeyManager never answered with {typeof(T).Name}");
        return _harness.Published.Select<T>().First().Context.Message;
    }

    static GeneratePrivateKey Command(CertificatePrivateKey? privateKey) => new()
    {
        IssuanceId = NewId.NextGuid(),
        CertificateUid = Guid.NewGuid(),
        Namespace = "shop",
        Name = "checkout",
        Revision = 3,
        CertificateSecretName = "checkout-tls",
        PrivateKey = privateKey,
    };

    static async Task<bool> WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
            await Task.Delay(50);
        return condition();
    }
}
