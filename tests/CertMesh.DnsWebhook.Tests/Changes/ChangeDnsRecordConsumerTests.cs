using CertMesh.Contracts.Dns;
using CertMesh.DnsWebhook.Tests.Support;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CertMesh.DnsWebhook.Tests.Changes;

/// <summary>
/// The service as deployed, through real RabbitMQ (the test vhost): its own <c>AddDnsWebhookServices</c> on a scratch
/// database that holds the TSIG Secret, asked with MassTransit's request client as ChallengeSolver asks it. The consumer
/// listens on a queue of this test's own, auto-delete (gone when the bus stops) and bound to no message exchange, and the
/// request client sends there: the shared vhost keeps no <c>change-dns-record</c> queue collecting other suites'
/// requests, and no other suite's request is answered from this test's database.
/// </summary>
public sealed class ChangeDnsRecordConsumerTests(DnsWebhookDatabase database) : IClassFixture<DnsWebhookDatabase>, IAsyncLifetime
{
    static readonly RequestTimeout Timeout = RequestTimeout.After(s: 30);

    readonly LogCapture _logs = new();
    readonly string _queue = $"dnswebhook-tests-change-dns-record-{Guid.NewGuid().ToString("N")[..8]}";
    WebApplication _app = null!;

    // The sender declares the queue too, so the address carries the receive endpoint's properties or the broker refuses.
    Uri Queue => new($"queue:{_queue}?durable=false&autodelete=true");

    IRequestClient<ChangeDnsRecord> Client => _app.Services.GetRequiredService<IBus>().CreateRequestClient<ChangeDnsRecord>(Queue, Timeout);

    public async Task InitializeAsync()
    {
        await RabbitMqProbe.EnsureReachableAsync("dnswebhook-tests");
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CERTMESH_POSTGRES"] = database.ConnectionString,
            ["CERTMESH_RABBITMQ"] = TestEnvironment.RabbitMq.ToString(),
            ["CERTMESH_RABBITMQ_USER"] = TestEnvironment.RabbitMqUser,
            ["CERTMESH_RABBITMQ_PASSWORD"] = TestEnvironment.RabbitMqPassword,
            ["CERTMESH_SECRET_KEY"] = database.SecretKey,
            ["CERTMESH_DNS_CONCURRENCY"] = "4",
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddDnsWebhookServices(endpoint =>
        {
            endpoint.Name = _queue;
            endpoint.ConfigureConsumeTopology = false;
            // Set on the queue itself, not through Temporary (which leaves it without auto-delete): the request client
            // declares the queue too (see Queue), and the broker refuses a send whose declaration does not match.
            endpoint.AddConfigureEndpointCallback(receive =>
            {
                var queue = (IRabbitMqReceiveEndpointConfigurator)receive;
                queue.AutoDelete = true;
                queue.Durable = false;
                receive.DiscardFaultedMessages();
            });
        });
        builder.Logging.AddProvider(_logs);
        _app = builder.Build();
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    [Fact]
    public async Task GetResponse_PresentThenCleanUpOverRabbitMq_ChangedAndVisibleInBind()
    {
        var ns = Requests.Namespace();
        await database.PutTsigSecretAsync(ns);
        var fqdn = Bind.RandomFqdn("bus");
        var value = Requests.TxtValue();
        var present = Requests.Change(DnsRecordActions.Present, Requests.Rfc2136Solver(), ns, fqdn, value);

        var response = await Client.GetResponse<DnsRecordChanged, DnsRecordChangeFailed>(present);

        Assert.True(response.Is(out Response<DnsRecordChanged>? changed), Describe(response));
        Assert.Equal(new DnsRecordChanged
        {
            Uid = present.Uid,
            Action = DnsRecordActions.Present,
            Namespace = ns,
            ChallengeName = present.ChallengeName,
            Provider = $"rfc2136 {Bind.ServerText}",
        }, changed!.Message);
        Assert.Equal([value], await Bind.TxtValuesAsync(fqdn));

        var cleanUp = await Client.GetResponse<DnsRecordChanged, DnsRecordChangeFailed>(present with { Action = DnsRecordActions.CleanUp });

        Assert.True(cleanUp.Is(out Response<DnsRecordChanged>? _), Describe(cleanUp));
        Assert.Empty(await Bind.TxtValuesAsync(fqdn));
        Assert.DoesNotContain(_logs.All, line => line.Contains(Bind.Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetResponse_SecretMissing_ChangeFailedNonRetryable()
    {
        var ns = Requests.Namespace();
        var request = Requests.Change(DnsRecordActions.Present, Requests.Rfc2136Solver(), ns, Bind.RandomFqdn("busfail"), "x");

        var response = await Client.GetResponse<DnsRecordChanged, DnsRecordChangeFailed>(request);

        Assert.True(response.Is(out Response<DnsRecordChangeFailed>? failed), Describe(response));
        Assert.Equal(request.Uid, failed!.Message.Uid);
        Assert.Equal(request.ChallengeName, failed.Message.ChallengeName);
        Assert.Equal(DnsRecordFailureReasons.InvalidConfig, failed.Message.Reason);
        Assert.False(failed.Message.Retryable);
        Assert.Equal($"rfc2136 {Bind.ServerText}", failed.Message.Provider);
        Assert.Contains($"Secret \"{ns}/{Requests.TsigSecretName}\" does not exist", failed.Message.Message);
    }

    static string Describe(Response response) => response.Message switch
    {
        DnsRecordChangeFailed f => $"failed: {f.Reason} {f.Message}",
        var other => other.ToString() ?? "",
    };
}
