using CertMesh.Contracts.Dns;
using CertMesh.DnsWebhook.Changes;
using CertMesh.DnsWebhook.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CertMesh.DnsWebhook.Tests.Changes;

/// <summary>
/// One change end to end below the bus: the service's wiring, Secrets in a scratch database of the real PostgreSQL,
/// the real BIND, and a local Kestrel standing in for a webhook solver.
/// </summary>
public sealed class DnsRecordChangerTests(DnsWebhookDatabase database) : IClassFixture<DnsWebhookDatabase>, IAsyncLifetime
{
    const string ClusterNamespace = "certmesh-cluster";

    readonly LogCapture _logs = new();
    FakeWebhook _webhook = null!;
    ServiceProvider _services = null!;

    DnsRecordChanger Changer => _services.GetRequiredService<DnsRecordChanger>();

    public async Task InitializeAsync()
    {
        _webhook = await FakeWebhook.StartAsync();
        _services = database.CreateServices(_logs, new Dictionary<string, string?>
        {
            ["CERTMESH_CLUSTER_RESOURCE_NAMESPACE"] = ClusterNamespace,
            ["CERTMESH_DNS_WEBHOOKS"] = $"acme.imroc.cc={_webhook.BaseUrl}",
        });
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _webhook.DisposeAsync();
    }

    [Fact]
    public async Task ChangeAsync_Rfc2136PresentThenCleanUp_ValueServedThenGone()
    {
        var ns = Requests.Namespace();
        await database.PutTsigSecretAsync(ns);
        var fqdn = Bind.RandomFqdn("changer");
        var value = Requests.TxtValue();

        var presented = await Changer.ChangeAsync(Requests.Change(DnsRecordActions.Present, Requests.Rfc2136Solver(), ns, fqdn, value), CancellationToken.None);

        Assert.Null(presented.Failure);
        Assert.Equal($"rfc2136 {Bind.ServerText}", presented.Provider);
        Assert.Equal([value], await Bind.TxtValuesAsync(fqdn));

        var cleaned = await Changer.ChangeAsync(Requests.Change(DnsRecordActions.CleanUp, Requests.Rfc2136Solver(), ns, fqdn, value), CancellationToken.None);

        Assert.Null(cleaned.Failure);
        Assert.Empty(await Bind.TxtValuesAsync(fqdn));
        var lines = _logs.Lines.Where(l => l.Category.EndsWith(nameof(DnsRecordChanger), StringComparison.Ordinal)).ToList();
        Assert.Equal(2, lines.Count(l => l.Level == LogLevel.Information && l.Text.Contains(fqdn, StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.Text.StartsWith($"Present TXT at {fqdn} via rfc2136 {Bind.ServerText}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ChangeAsync_Rfc2136ProtocolTcp_PresentAndCleanUpGoOverTcp()
    {
        // The solver names a TCP-only relay to BIND as its nameserver: over UDP nothing would answer.
        await using var relay = new TcpRelay(Bind.Server);
        var ns = Requests.Namespace();
        await database.PutTsigSecretAsync(ns);
        var fqdn = Bind.RandomFqdn("changertcp");
        var value = Requests.TxtValue();
        var solver = Requests.Rfc2136Solver(nameserver: relay.Endpoint.ToString(), protocol: "TCP");

        var presented = await Changer.ChangeAsync(Requests.Change(DnsRecordActions.Present, solver, ns, fqdn, value), CancellationToken.None);

        Assert.Null(presented.Failure);
        Assert.Equal([value], await Bind.TxtValuesAsync(fqdn));

        var cleaned = await Changer.ChangeAsync(Requests.Change(DnsRecordActions.CleanUp, solver, ns, fqdn, value), CancellationToken.None);

        Assert.Null(cleaned.Failure);
        Assert.Empty(await Bind.TxtValuesAsync(fqdn));
        Assert.Equal(2, relay.Connections);
    }

    [Fact]
    public async Task ChangeAsync_ClusterIssuer_ReadsSecretFromClusterResourceNamespace()
    {
        // The only test of this class that writes to the cluster resource namespace, so the Secret is new here.
        await database.PutTsigSecretAsync(ClusterNamespace);
        var fqdn = Bind.RandomFqdn("cluster");
        var value = Requests.TxtValue();

        // The Challenge's own namespace has no Secret: only the cluster resource namespace does.
        var result = await Changer.ChangeAsync(
            Requests.Change(DnsRecordActions.Present, Requests.Rfc2136Solver(), Requests.Namespace(), fqdn, value, issuerKind: "ClusterIssuer"), CancellationToken.None);

        Assert.Null(result.Failure);
        Assert.Equal([value], await Bind.TxtValuesAsync(fqdn));
        await Changer.ChangeAsync(Requests.Change(DnsRecordActions.CleanUp, Requests.Rfc2136Solver(), "any", fqdn, value, issuerKind: "ClusterIssuer"), CancellationToken.None);
    }

    [Fact]
    public async Task ChangeAsync_WrongTsigSecret_KeyRejectedNamingKeyAndServerNeverTheSecret()
    {
        var ns = Requests.Namespace();
        await database.PutTsigSecretAsync(ns, Bind.WrongSecret);
        var fqdn = Bind.RandomFqdn("wrongkey");

        var result = await Changer.ChangeAsync(Requests.Change(DnsRecordActions.Present, Requests.Rfc2136Solver(), ns, fqdn, "x"), CancellationToken.None);

        var failure = Assert.IsType<DnsChangeException>(result.Failure);
        Assert.Equal(DnsRecordFailureReasons.KeyRejected, failure.Reason);
        Assert.False(failure.Retryable);
        Assert.StartsWith($"TSIG key {Bind.KeyName} was rejected by {Bind.ServerText}: NOTAUTH (BADSIG)", failure.Message);
        Assert.DoesNotContain(Bind.WrongSecret, failure.ToString());
        Assert.Empty(await Bind.TxtValuesAsync(fqdn));
        var warning = Assert.Single(_logs.Lines, l => l.Level == LogLevel.Warning && l.Text.Contains(fqdn, StringComparison.Ordinal));
        Assert.Contains("KeyRejected", warning.Text);
        Assert.DoesNotContain(_logs.All, line => line.Contains(Bind.WrongSecret, StringComparison.Ordinal) || line.Contains(Bind.Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ChangeAsync_SecretMissing_InvalidConfigNamingSecret()
    {
        var ns = Requests.Namespace();

        var result = await Changer.ChangeAsync(Requests.Change(DnsRecordActions.Present, Requests.Rfc2136Solver(), ns, Bind.RandomFqdn("nosecret"), "x"), CancellationToken.None);

        AssertInvalidConfig(result, $"dns01.rfc2136.tsigSecretSecretRef: Secret \"{ns}/{Requests.TsigSecretName}\" does not exist");
    }

    [Fact]
    public async Task ChangeAsync_SecretWithoutKey_InvalidConfigNamingSecretAndKey()
    {
        var ns = Requests.Namespace();
        await database.PutTsigSecretAsync(ns);

        var result = await Changer.ChangeAsync(
            Requests.Change(DnsRecordActions.Present, Requests.Rfc2136Solver(secretKey: "secret"), ns, Bind.RandomFqdn("nokey"), "x"), CancellationToken.None);

        AssertInvalidConfig(result, $"dns01.rfc2136.tsigSecretSecretRef: Secret \"{ns}/{Requests.TsigSecretName}\" has no key \"secret\"");
    }

    [Fact]
    public async Task ChangeAsync_SecretNotBase64_InvalidConfigWithoutTheValue()
    {
        var ns = Requests.Namespace();
        await database.PutTsigSecretAsync(ns, "not*base64*at-all");

        var result = await Changer.ChangeAsync(Requests.Change(DnsRecordActions.Present, Requests.Rfc2136Solver(), ns, Bind.RandomFqdn("garbled"), "x"), CancellationToken.None);

        AssertInvalidConfig(result, "dns01.rfc2136.tsigSecretSecretRef: ");
        Assert.Contains("not valid base64", result.Failure!.Message);
        Assert.DoesNotContain("not*base64*at-all", result.Failure.Message);
    }

    [Theory]
    [InlineData("cloudflare")]
    [InlineData("route53")]
    public async Task ChangeAsync_UnsupportedProvider_InvalidConfigNamingField(string provider)
    {
        var result = await Changer.ChangeAsync(
            Requests.Change(DnsRecordActions.Present, """{"dns01":{"@PROVIDER@":{}}}""".Replace("@PROVIDER@", provider, StringComparison.Ordinal), Requests.Namespace(), Bind.RandomFqdn("cf"), "x"), CancellationToken.None);

        AssertInvalidConfig(result, $"dns01.{provider}: the {provider} provider is not supported by CertMesh; only rfc2136 and webhook are supported");
        Assert.Equal("", result.Provider);
    }

    [Fact]
    public async Task ChangeAsync_WebhookGroupNotConfigured_InvalidConfigNamingGroupAndVariable()
    {
        var result = await Changer.ChangeAsync(Requests.Change(DnsRecordActions.Present,
            Requests.WebhookSolver("acme.unknown.example", "dns"), Requests.Namespace(), Bind.RandomFqdn("nohook"), "x"), CancellationToken.None);

        AssertInvalidConfig(result, "dns01.webhook.groupName: no webhook solver is configured for group acme.unknown.example");
        Assert.Contains("CERTMESH_DNS_WEBHOOKS", result.Failure!.Message);
        Assert.Equal("webhook acme.unknown.example/dns", result.Provider);
    }

    [Fact]
    public async Task ChangeAsync_DnsPodWebhook_PostsToConfiguredSolver()
    {
        var ns = Requests.Namespace();
        var fqdn = Bind.RandomFqdn("dnspod");

        var result = await Changer.ChangeAsync(Requests.Change(DnsRecordActions.Present, Requests.DnsPodSolver, ns, fqdn, "value"), CancellationToken.None);

        Assert.Null(result.Failure);
        Assert.Equal("webhook acme.imroc.cc/dnspod", result.Provider);
        var request = Assert.Single(_webhook.Requests, r => r.Body.GetProperty("request").GetProperty("resolvedFQDN").GetString() == fqdn).Body.GetProperty("request");
        Assert.Equal(ns, request.GetProperty("resourceNamespace").GetString());
        Assert.Equal("AKIDxxxxx", request.GetProperty("config").GetProperty("secretId").GetString());
    }

    [Theory]
    [InlineData("Delete", "_acme-challenge.x.example.test.", "example.test.", "v", "Action: must be Present or CleanUp, got 'Delete'")]
    [InlineData("Present", "", "example.test.", "v", "ResolvedFqdn: required")]
    [InlineData("Present", "_acme-challenge.x.example.test.", "", "v", "ResolvedZone: required")]
    [InlineData("CleanUp", "_acme-challenge.x.example.test.", "example.test.", "", "Key: required (the TXT value)")]
    public async Task ChangeAsync_MessageThatCannotBeValid_InvalidConfigNamingField(string action, string fqdn, string zone, string key, string expected)
    {
        var request = Requests.Change(action, Requests.Rfc2136Solver(), Requests.Namespace(), fqdn, key) with { ResolvedZone = zone };

        var result = await Changer.ChangeAsync(request, CancellationToken.None);

        AssertInvalidConfig(result, expected);
    }

    static void AssertInvalidConfig(DnsChangeResult result, string expectedStart)
    {
        var failure = Assert.IsType<DnsChangeException>(result.Failure);
        Assert.Equal(DnsRecordFailureReasons.InvalidConfig, failure.Reason);
        Assert.False(failure.Retryable);
        Assert.StartsWith(expectedStart, failure.Message);
    }
}
