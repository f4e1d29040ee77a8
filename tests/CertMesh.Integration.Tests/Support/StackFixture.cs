using System.Net.Http.Headers;
using System.Security.Cryptography;
using CertMesh.Contracts;
using CertMesh.Hosting.Bus;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace CertMesh.Integration.Tests.Support;

/// <summary>
/// The whole CertMesh stack for the integration suite: a fresh database, the test vhost, every service as a
/// real process, and a client bus that knows only the public contracts. Fails loudly when a server is missing.
/// </summary>
public sealed class StackFixture : IAsyncLifetime
{
    public const string SelfSignedIssuer = "it-selfsigned";
    public const string CaIssuer = "it-ca";
    public const string AcmeIssuer = "it-pebble";
    /// <summary>The in-flight challenge limit across the solver replicas, low so 100 certificates queue behind it.</summary>
    public const int MaxConcurrentChallenges = 10;
    public const int SolverReplicas = 3;
    /// <summary>The group the reference webhook solver answers for; DnsWebhook is told its address.</summary>
    public const string WebhookGroup = "acme.certmesh.test";
    const int BasePort = 18080;

    string _database = "";
    readonly Dictionary<string, ServiceProcess> _services = new();
    ServiceProvider? _provider;

    public EventRecorder Events { get; } = new();
    /// <summary>Every span every service exported (they all point their OTLP exporter here), for tests that follow a trace.</summary>
    public OtlpTraceReceiver Traces { get; private set; } = null!;
    public IBus Bus { get; private set; } = null!;
    public string ConnectionString { get; private set; } = "";
    public string LogDirectory { get; } = Path.Combine(TestEnvironment.RepositoryRoot, "tests", "CertMesh.Integration.Tests", "bin", "service-logs", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss"));
    public Uri ApiBase => new($"http://127.0.0.1:{BasePort}");
    public string ApiToken { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    public ServiceProcess Service(string name) => _services[name];

    /// <summary>Every service process of the stack (what a test Prometheus scrapes).</summary>
    public IEnumerable<ServiceProcess> Services => _services.Values;

    /// <summary>The Edge's route file (CERTMESH_EDGE_ROUTES), the suite's own and empty at start; a test that writes it
    /// puts <see cref="NoEdgeRoutes"/> back when it ends.</summary>
    public string EdgeRoutesFile => Path.Combine(LogDirectory, "edge-routes.json");
    public const string NoEdgeRoutes = """{ "Routes": {}, "Clusters": {} }""";

    /// <summary>Written beside and renamed over, as editors do: the Edge never reads half a file.</summary>
    public void WriteEdgeRoutes(string json)
    {
        var temporary = EdgeRoutesFile + ".tmp";
        File.WriteAllText(temporary, json);
        File.Move(temporary, EdgeRoutesFile, overwrite: true);
    }

    /// <summary>Runs <paramref name="name"/> with <paramref name="overrides"/> on top of the suite's environment, on its
    /// port, until the returned swap is disposed; then the suite's own process is back.</summary>
    public async Task<ServiceSwap> ReplaceServiceAsync(string name, IReadOnlyDictionary<string, string?> overrides)
    {
        var original = _services[name];
        var environment = new Dictionary<string, string?>(ServiceEnvironment);
        foreach (var (key, value) in overrides)
            environment[key] = value;
        original.Kill();
        var replacement = new ServiceProcess($"{name}@{string.Join("-", overrides.Values)}", original.Port, environment, LogDirectory);
        replacement.Start();
        await replacement.WaitHealthyAsync(TimeSpan.FromSeconds(60));
        return new ServiceSwap(original, replacement);
    }

    /// <summary>What every service was started with; a test that runs a service differently starts it from a copy.</summary>
    public IReadOnlyDictionary<string, string?> ServiceEnvironment { get; private set; } = new Dictionary<string, string?>();

    /// <summary><see cref="EventRecorder.WaitForIssuedAsync"/>, with a <see cref="StallReport"/> when it times out.</summary>
    public async Task<CertificateIssued> WaitForIssuedAsync(string @namespace, string name, int revision = 1, TimeSpan? timeout = null)
    {
        try
        {
            return await Events.WaitForIssuedAsync(@namespace, name, revision, timeout);
        }
        catch (TimeoutException exception)
        {
            throw new TimeoutException(exception.Message + Environment.NewLine + await StallReport.DescribeAsync(this), exception);
        }
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(LogDirectory);
        WriteEdgeRoutes(NoEdgeRoutes);
        await RabbitMqProbe.EnsureReachableAsync("certmesh-integration-tests");
        (_database, var connectionString) = await ScratchDatabase.CreateAsync("certmesh_it_");
        ConnectionString = connectionString;
        Traces = await OtlpTraceReceiver.StartAsync();
        var environment = new Dictionary<string, string?>
        {
            // Every service exports its spans to the suite's receiver, in batches sent every 200 ms (not 5 s), so a
            // test sees a trace soon after the issuance ends.
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Traces.Endpoint.GetLeftPart(UriPartial.Authority),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["CERTMESH_POSTGRES"] = ConnectionString,
            ["CERTMESH_RABBITMQ"] = TestEnvironment.RabbitMq.ToString(),
            ["CERTMESH_SECRET_KEY"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["CERTMESH_API_TOKEN"] = ApiToken,
            ["CERTMESH_SWEEP_INTERVAL_MS"] = "500",
            ["CERTMESH_BACKOFF_INITIAL"] = "2s",
            ["CERTMESH_BACKOFF_MAX"] = "8s",
            // An owner that does not answer a request for a new CSR is asked again after 1 s, 2 s, then every 4 s.
            ["CERTMESH_CSR_REQUEST_BACKOFF_SECONDS"] = "1",
            ["CERTMESH_CSR_REQUEST_BACKOFF_MAX_SECONDS"] = "4",
            ["CERTMESH_ACME_CA_FILE"] = TestEnvironment.PebbleCaFile,
            ["CERTMESH_HTTP01_SELF_CHECK_CONNECT"] = $"127.0.0.1:{TestEnvironment.EdgeHttpPort}",
            ["CERTMESH_MAX_CONCURRENT_CHALLENGES"] = MaxConcurrentChallenges.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // A SIGKILLed replica's challenges are taken over once its lease lapses; short here so the test is quick.
            ["CERTMESH_CHALLENGE_LEASE"] = "5s",
            ["CERTMESH_SELF_CHECK_INTERVAL"] = "2s",
            // DNS-01: BIND is the only DNS server here; its NS records name a host, so its port is given apart.
            ["CERTMESH_DNS01_RECURSIVE_NAMESERVERS"] = TestEnvironment.BindServer,
            ["CERTMESH_DNS01_NAMESERVER_PORT"] = TestEnvironment.BindServer[(TestEnvironment.BindServer.LastIndexOf(':') + 1)..],
            // The reference webhook solver holds its own TSIG key, as an external webhook would.
            ["WEBHOOK_TSIG_KEY_NAME"] = TestEnvironment.TsigKeyName,
            ["WEBHOOK_TSIG_ALGORITHM"] = TestEnvironment.TsigAlgorithm,
            ["WEBHOOK_TSIG_SECRET"] = TestEnvironment.TsigSecret,
            ["WEBHOOK_GROUP_NAME"] = WebhookGroup,
            // Not the checked-in deploy/local/edge-routes.json (up.sh's routes and issuers): a file the tests write.
            ["CERTMESH_EDGE_ROUTES"] = EdgeRoutesFile,
            ["CERTMESH_EDGE_ROUTES_POLL_SECONDS"] = "1",
            // Heartbeats every second, stale after three: a stopped service is reported within seconds (HealthTests).
            ["CERTMESH_HEARTBEAT_INTERVAL"] = "1s",
        };
        ServiceEnvironment = environment;
        List<string> names = ["Api", "Trigger", "KeyManager", "Issuing", "AcmeOrder"];
        names.AddRange(Enumerable.Range(1, SolverReplicas).Select(i => $"ChallengeSolver@{i}"));
        names.AddRange(["DnsWebhook", "WebhookSolver"]);
        environment["CERTMESH_DNS_WEBHOOKS"] = $"{WebhookGroup}=http://127.0.0.1:{BasePort + names.IndexOf("WebhookSolver")}";
        for (var i = 0; i < names.Count; i++)
            _services[names[i]] = new ServiceProcess(names[i], BasePort + i, environment, LogDirectory);
        // The Edge listens where Pebble's VA fetches tokens; a dev stack holding that port makes it fail loudly.
        // It also terminates TLS for the Certificates of namespace edge (its routes' ones), as up.sh's Edge does.
        _services["Edge"] = new ServiceProcess("Edge", TestEnvironment.EdgeHttpPort,
            new Dictionary<string, string?>(environment) { ["CERTMESH_EDGE_HTTPS_PORT"] = TestEnvironment.EdgeHttpsPort.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            LogDirectory);
        foreach (var service in _services.Values)
            service.Start();
        await Task.WhenAll(_services.Values.Select(s => s.WaitHealthyAsync(TimeSpan.FromSeconds(90))));

        _provider = StartClientBus();
        var control = _provider.GetRequiredService<IBusControl>();
        await control.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        Bus = control;

        // The suite is about issuance, not grants: every namespace may use every ClusterIssuer (the default
        // CERTMESH_CLUSTERISSUER_USE=granted stays on; BusIdentityTests takes this grant away for one test and puts it back).
        await ApplyAsync(AccessYaml.GrantAllClusterIssuers);
        await ApplyAsync(CaIssuerManifest.Yaml(SelfSignedIssuer, CaIssuer, "it-ca-root", "CertMesh integration CA") + "\n" + $"""
            ---
            apiVersion: cert-manager.io/v1
            kind: ClusterIssuer
            metadata:
              name: {AcmeIssuer}
            spec:
              acme:
                server: {TestEnvironment.PebbleDirectory}
                email: it@example.test
                privateKeySecretRef:
                  name: it-pebble-account
                solvers:
                  - http01:
                      ingress: {"{}"}
            """);
        await Events.WaitForIssuedAsync("cert-manager", "it-ca-root");
    }

    /// <summary>POSTs cert-manager YAML (and v1 Secrets) to the Api with its token, as <c>certmesh apply</c> does.</summary>
    public Task<string> ApplyAsync(string yaml) => ApiApply.PostAsync(ApiBase, ApiToken, yaml);

    public HttpClient ApiClient(bool withToken = true)
    {
        var http = new HttpClient { BaseAddress = ApiBase };
        if (withToken)
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiToken);
        return http;
    }

    public async Task<T?> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? default : (T)result;
    }

    ServiceProvider StartClientBus()
    {
        var services = new ServiceCollection();
        services.AddSingleton(Events);
        services.AddMassTransit(x =>
        {
            x.AddConsumer<IssuedRecorderConsumer>();
            x.AddRequestClient<IssueCertificate>(RequestTimeout.After(s: 30));
            x.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(TestEnvironment.RabbitMq, h =>
                {
                    h.Username(TestEnvironment.RabbitMqUser);
                    h.Password(TestEnvironment.RabbitMqPassword);
                });
                cfg.StampUserId(TestEnvironment.RabbitMqUser);
                cfg.ReceiveEndpoint("integration-tests-" + _database, e =>
                {
                    e.AutoDelete = true;
                    e.ConfigureConsumer<IssuedRecorderConsumer>(context);
                });
            });
        });
        return services.BuildServiceProvider();
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
        if (_database.Length > 0)
            await ScratchDatabase.DropAsync(_database);
        if (Traces is not null)
            await Traces.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class StackCollection : ICollectionFixture<StackFixture>
{
    public const string Name = "CertMesh stack";
}

/// <summary>A service replaced for a while (<see cref="StackFixture.ReplaceServiceAsync"/>); disposing brings the original back.</summary>
public sealed class ServiceSwap(ServiceProcess original, ServiceProcess replacement) : IAsyncDisposable
{
    public ServiceProcess Replacement => replacement;

    public async ValueTask DisposeAsync()
    {
        replacement.Kill();
        replacement.Dispose();
        original.Start();
        await original.WaitHealthyAsync(TimeSpan.FromSeconds(60));
    }
}
