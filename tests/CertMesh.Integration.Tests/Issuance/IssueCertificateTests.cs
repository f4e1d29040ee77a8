using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CertMesh.Contracts;
using CertMesh.Integration.Tests.Support;
using MassTransit;
using Xunit;

namespace CertMesh.Integration.Tests.Issuance;

/// <summary>The user journey: publish IssueCertificate, receive CertificateIssued — through every real service.</summary>
[Collection(StackCollection.Name)]
public sealed class IssueCertificateTests(StackFixture stack)
{
    [Fact]
    public async Task Publish_CaIssuer_CertificateIssuedWithVerifiableChain()
    {
        var command = Commands.Issue("it-basic", "web");

        await stack.Bus.Publish(command);
        var issued = await stack.Events.WaitForIssuedAsync("it-basic", "web");

        Assert.Equal(1, issued.Revision);
        Assert.Equal("web-tls", issued.SecretName);
        Assert.DoesNotContain("PRIVATE KEY", JsonSerializer.Serialize(issued));
        var chain = X509CertificateLoader.LoadCertificate(PemDer(issued.CertificatePem));
        var ca = X509CertificateLoader.LoadCertificate(PemDer(issued.CaPem!));
        Assert.Contains("web.it-basic.test", chain.GetNameInfo(X509NameType.DnsName, false));
        using var verifier = new X509Chain();
        verifier.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        verifier.ChainPolicy.CustomTrustStore.Add(ca);
        verifier.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(verifier.Build(chain), string.Join("; ", verifier.ChainStatus.Select(s => s.StatusInformation)));
        Assert.Equal(issued.NotAfter, new DateTimeOffset(chain.NotAfter.ToUniversalTime()));
    }

    [Fact]
    public async Task Publish_SameCommandTwice_IssuesOnce()
    {
        var command = Commands.Issue("it-twice", "api");

        await stack.Bus.Publish(command);
        await stack.Bus.Publish(command);
        await stack.Events.WaitForIssuedAsync("it-twice", "api");
        // Give a second issuance every chance to show up before concluding there is none.
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Single(stack.Events.IssuedFor("it-twice", "api"));
        Assert.Equal(1, await stack.ScalarAsync<int>(
            "SELECT (doc->'status'->>'revision')::int FROM resources WHERE kind = 'Certificate' AND namespace = 'it-twice' AND name = 'api'"));
        Assert.Equal(1L, await stack.ScalarAsync<long>(
            "SELECT count(*) FROM resources WHERE kind = 'CertificateRequest' AND namespace = 'it-twice'"));
    }

    [Fact]
    public async Task Request_ValidCommand_AcceptedResponse()
    {
        var client = stack.Bus.CreateRequestClient<IssueCertificate>();

        var response = await client.GetResponse<IssueCertificateAccepted, IssueCertificateRejected>(Commands.Issue("it-request", "svc"));

        Assert.True(response.Is(out Response<IssueCertificateAccepted>? accepted));
        Assert.Equal(1, accepted!.Message.Generation);
        Assert.True(accepted.Message.IssuanceStarted);
        await stack.Events.WaitForIssuedAsync("it-request", "svc");
    }

    [Fact]
    public async Task Publish_WithCsr_SignsTheRequestersKeyAndGeneratesNone()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=client.it-csr.test", key, HashAlgorithmName.SHA256);
        var sans = new SubjectAlternativeNameBuilder();
        sans.AddDnsName("client.it-csr.test");
        request.CertificateExtensions.Add(sans.Build());
        var csr = request.CreateSigningRequestPem();
        var command = Commands.Issue("it-csr", "client") with { Csr = csr };
        command = command.WithSpec(s => s with { CommonName = "client.it-csr.test", DnsNames = ["client.it-csr.test"] });

        await stack.Bus.Publish(command);
        var issued = await stack.Events.WaitForIssuedAsync("it-csr", "client");

        var leaf = X509CertificateLoader.LoadCertificate(PemDer(issued.CertificatePem));
        Assert.Equal(key.ExportSubjectPublicKeyInfo(), leaf.PublicKey.ExportSubjectPublicKeyInfo());
        Assert.Equal(0L, await stack.ScalarAsync<long>(
            "SELECT count(*) FROM sagas WHERE state->>'namespace' = 'it-csr' AND state->>'keySecretName' IS NOT NULL"));
        using var http = stack.ApiClient();
        var secret = JsonDocument.Parse(await http.GetStringAsync("/api/secrets/it-csr/client-tls"));
        Assert.False(secret.RootElement.GetProperty("data").TryGetProperty("tls.key", out _));
        Assert.True(secret.RootElement.GetProperty("data").TryGetProperty("tls.crt", out _));
    }

    [Fact]
    public async Task Sweep_RenewBeforeAlmostDuration_ReissuesRevisionTwo()
    {
        var command = Commands.Issue("it-renew", "short").WithSpec(s => s with { Duration = "1h", RenewBefore = "59m50s" });

        await stack.Bus.Publish(command);
        var first = await stack.Events.WaitForIssuedAsync("it-renew", "short");
        var second = await stack.Events.WaitForIssuedAsync("it-renew", "short", revision: 2, timeout: TimeSpan.FromSeconds(60));

        Assert.NotEqual(first.SerialNumber, second.SerialNumber);
        Assert.True(second.NotBefore >= first.RenewalTime.AddSeconds(-1), $"renewed at {second.NotBefore}, due at {first.RenewalTime}");
        // Otherwise it renews every ten seconds for the rest of the suite.
        await stack.Bus.Publish(new DeleteCertificate { Namespace = "it-renew", Name = "short" });
    }

    [Fact]
    public async Task Secret_WithoutToken_Refused()
    {
        await stack.Bus.Publish(Commands.Issue("it-auth", "guarded"));
        await stack.Events.WaitForIssuedAsync("it-auth", "guarded");
        using var anonymous = stack.ApiClient(withToken: false);

        using var response = await anonymous.GetAsync("/api/secrets/it-auth/guarded-tls");

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
    }

    static byte[] PemDer(string pem)
    {
        var fields = PemEncoding.Find(pem);
        return Convert.FromBase64String(pem[fields.Base64Data]);
    }
}
