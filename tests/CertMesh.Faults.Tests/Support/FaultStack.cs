using System.Security.Cryptography;
using CertMesh.Contracts;
using CertMesh.Hosting.Bus;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CertMesh.Faults.Tests.Support;

/// <summary>
/// The CA issuance path as deployed — Api, Trigger, KeyManager and Issuing as real processes — on
/// <see cref="PrivateServers"/> the tests may kill, and a caller that knows only the public contracts. The caller is
/// a careful one: its reply queue and its CertificateIssued subscription are durable queues, so what CertMesh sends
/// it survives a broker restart too (a temporary reply queue dies with the broker, whatever the sender does).
/// </summary>
public sealed class FaultStack : IAsyncLifetime
{
    public const string CaIssuer = "faults-ca";
    const string SelfSignedIssuer = "faults-selfsigned";
    /// <summary>How long a caller waits for an answer, servers' restarts included.</summary>
    public static readonly TimeSpan AnswerTimeout = TimeSpan.FromMinutes(3);

    readonly Dictionary<string, ServiceProcess> _services = new();
    ServiceProvider? _provider;
    HostReceiveEndpointHandle? _replies;

    public PrivateServers Servers { get; private set; } = null!;
    public IssuedLog Issued { get; } = new();
    public CarefulCaller Caller { get; private set; } = null!;
    public IBus Bus { get; private set; } = null!;
    public string LogDirectory { get; } = Path.Combine(TestEnvironment.RepositoryRoot, "tests", "CertMesh.Faults.Tests", "bin", "service-logs", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss"));
    public string ApiToken { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    public IReadOnlyCollection<ServiceProcess> Services => _services.Values;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(LogDirectory);
        Servers = await PrivateServers.StartAsync();
        var environment = new Dictionary<string, string?>
        {
            ["CERTMESH_POSTGRES"] = Servers.Postgres,
            ["CERTMESH_RABBITMQ"] = Servers.RabbitMq.ToString(),
            ["CERTMESH_SECRET_KEY"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["CERTMESH_API_TOKEN"] = ApiToken,
            ["CERTMESH_SWEEP_INTERVAL_MS"] = "500",
            ["CERTMESH_BACKOFF_INITIAL"] = "2s",
            ["CERTMESH_BACKOFF_MAX"] = "8s",
        };
        foreach (var name in new[] { "Api", "Trigger", "KeyManager", "Issuing" })
            _services[name] = new ServiceProcess(name, TestEnvironment.FreePort(), environment, LogDirectory);
        foreach (var service in _services.Values)
            service.Start();
        await Task.WhenAll(_services.Values.Select(s => s.WaitHealthyAsync(TimeSpan.FromSeconds(90))));

        await StartCallerAsync();
        // Not about grants: every namespace may use every ClusterIssuer (the default, granted, stays on).
        await ApiApply.PostAsync(_services["Api"].BaseAddress, ApiToken, AccessYaml.GrantAllClusterIssuers);
        await ApiApply.PostAsync(_services["Api"].BaseAddress, ApiToken, CaIssuerManifest.Yaml(SelfSignedIssuer, CaIssuer, "faults-ca-root", "CertMesh fault suite CA"));
        await Eventually.UntilAsync(() => Task.FromResult(Issued.Names("cert-manager").Count), n => n == 1, TimeSpan.FromSeconds(60), "the CA certificate");
    }

    async Task StartCallerAsync()
    {
        var services = new ServiceCollection();
        services.AddSingleton(Issued);
        services.AddMassTransit(x =>
        {
            x.AddConsumer<IssuedLogConsumer>();
            x.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(Servers.RabbitMq, h =>
                {
                    h.Username(TestEnvironment.RabbitMqUser);
                    h.Password(TestEnvironment.RabbitMqPassword);
                });
                cfg.StampUserId(TestEnvironment.RabbitMqUser);
                cfg.ReceiveEndpoint("faults-caller-issued", e => e.ConfigureConsumer<IssuedLogConsumer>(context));
            });
        });
        _provider = services.BuildServiceProvider();
        var bus = _provider.GetRequiredService<IBusControl>();
        await bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        // Answers to a durable queue of the caller's own, not to the bus's temporary one.
        CarefulCaller? caller = null;
        _replies = bus.ConnectReceiveEndpoint("faults-caller-replies", e => e.Consumer(() => new CallerReplyConsumer(caller!)));
        var ready = await _replies.Ready;
        Caller = caller = new CarefulCaller(bus, ready.InputAddress);
        Bus = bus;
    }

    public static IssueCertificate Issue(string @namespace, string name) => new()
    {
        Namespace = @namespace,
        Name = name,
        Spec = new CertificateSpec
        {
            SecretName = name + "-tls",
            CommonName = $"{name}.{@namespace}.test",
            DnsNames = [$"{name}.{@namespace}.test"],
            IssuerRef = new IssuerReference { Name = CaIssuer, Kind = "ClusterIssuer" },
        },
    };

    /// <summary>A count from the stack's database, on a connection of its own: pooled ones die with a killed server.</summary>
    public async Task<long> CountAsync(string sql, string @namespace)
    {
        await using var connection = new NpgsqlConnection(Servers.Postgres + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("ns", @namespace);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// Waits until every service's <c>/ready</c> answers <paramref name="readyStatus"/> while <c>/alive</c> keeps answering
    /// 200: what a load balancer and a supervisor would see during (503) and after (200) an outage.
    /// </summary>
    public async Task WaitForReadinessAsync(int readyStatus, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        foreach (var service in _services.Values)
        {
            while (true)
            {
                var ready = await StatusAsync(http, new Uri(service.BaseAddress, "/ready"));
                var alive = await StatusAsync(http, new Uri(service.BaseAddress, "/alive"));
                if (ready == readyStatus && alive == 200)
                    break;
                if (DateTime.UtcNow > deadline)
                    throw new TimeoutException($"{service.Name}: /ready answered {ready} and /alive {alive}, waiting for {readyStatus} and 200");
                await Task.Delay(200);
            }
        }
    }

    static async Task<int> StatusAsync(HttpClient http, Uri uri)
    {
        try
        {
            using var response = await http.GetAsync(uri);
            return (int)response.StatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return 0;
        }
    }

    /// <summary>Where one certificate's journey stopped, from what each owner stored: for the report of a lost one.</summary>
    public async Task<string> DescribeAsync(string @namespace, string name)
    {
        await using var connection = new NpgsqlConnection(Servers.Postgres + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT
              (SELECT doc->'status'::text FROM resources WHERE kind = 'Certificate' AND namespace = @ns AND name = @name),
              (SELECT string_agg(name || '=' || coalesce(doc->'status'->>'conditions', ''), ', ') FROM resources WHERE kind = 'CertificateRequest' AND namespace = @ns AND name LIKE @name || '-%'),
              (SELECT string_agg(name, ', ') FROM secrets WHERE namespace = @ns AND (name = @name || '-tls' OR name LIKE @name || '-next-key-%')),
              (SELECT string_agg(state->>'CurrentState', ', ') FROM sagas WHERE state->>'Namespace' = @ns AND state->>'Name' = @name),
              (SELECT count(*) FROM outbox WHERE body->>'name' = @name AND body->>'namespace' = @ns)
            """, connection);
        command.Parameters.AddWithValue("ns", @namespace);
        command.Parameters.AddWithValue("name", name);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        string Field(int i) => reader.IsDBNull(i) ? "-" : reader.GetValue(i).ToString()!;
        return $"{name}: certificate status {Field(0)}; requests {Field(1)}; secrets {Field(2)}; saga {Field(3)}; outbox rows {Field(4)}";
    }

    public async Task DisposeAsync()
    {
        if (_provider is not null)
        {
            await _provider.GetRequiredService<IBusControl>().StopAsync();
            await _provider.DisposeAsync();
        }
        foreach (var service in _services.Values)
            service.Dispose();
        if (Servers is not null)
            await Servers.DisposeAsync();
    }
}

/// <summary>One private stack for every test class of the suite: starting it (servers, four services) is the slow part.</summary>
[CollectionDefinition(Name)]
public sealed class FaultStackCollection : ICollectionFixture<FaultStack>
{
    public const string Name = "CertMesh fault stack";
}
