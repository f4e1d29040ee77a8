using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CertMesh.Acme.Http;

namespace CertMesh.Acme.Tests.Support;

/// <summary>
/// A second, test-owned Pebble on free loopback ports with <c>externalAccountBindingRequired</c> and
/// <c>PEBBLE_ALTERNATE_ROOTS=2</c>, so the shared Pebble from infra-up.sh keeps its settings. It reuses that
/// Pebble's TLS certificate and pebble-challtestsrv, and is stopped (by its own pid) when the tests end.
/// </summary>
public sealed class EabPebbleFixture : IAsyncLifetime
{
    public const string EabKeyId = "certmesh-kid-1";
    public const string EabMacKey = "zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W";
    public const int AlternateRoots = 2;

    private const string Hint = "Install Pebble and start the local servers with deploy/local/infra-up.sh.";
    private readonly string _stateDir = System.IO.Directory.CreateTempSubdirectory("certmesh-eab-pebble-").FullName;
    private Process? _process;

    public Uri Directory { get; private set; } = null!;

    public Uri Management { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        string caFile = Environment.GetEnvironmentVariable("PEBBLE_CA_CERT") is { Length: > 0 } ca
            ? ca
            : Path.Combine(FindRepositoryRoot(), "deploy/local/.state/pebble/ca.pem");
        string tlsDir = Path.GetDirectoryName(caFile)!;
        if (!File.Exists(Path.Combine(tlsDir, "localhost.pem")))
        {
            throw new InvalidOperationException($"Pebble's TLS certificate is missing next to {caFile}. {Hint}");
        }

        int port = FreePort();
        int managementPort = FreePort();
        string config = Path.Combine(_stateDir, "pebble-config.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new
        {
            pebble = new
            {
                listenAddress = $"127.0.0.1:{port}",
                managementListenAddress = $"127.0.0.1:{managementPort}",
                certificate = Path.Combine(tlsDir, "localhost.pem"),
                privateKey = Path.Combine(tlsDir, "localhost.key"),
                httpPort = int.Parse(Env("EDGE_HTTP_PORT", "5002"), System.Globalization.CultureInfo.InvariantCulture),
                tlsPort = 5001,
                ocspResponderURL = string.Empty,
                externalAccountBindingRequired = true,
                externalAccountMACKeys = new Dictionary<string, string> { [EabKeyId] = EabMacKey },
            },
        }));

        var start = new ProcessStartInfo("pebble")
        {
            ArgumentList = { "-config", config, "-dnsserver", Env("PEBBLE_DNS_SERVER", "127.0.0.1:5354") },
            WorkingDirectory = _stateDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PEBBLE_VA_NOSLEEP"] = "1";
        // As infra-up.sh runs the shared Pebble: on one OS thread its 2.4 lock-order bugs (an order read-locked
        // twice, the store lock held while waiting for an order) practically never hang it.
        start.Environment["GOMAXPROCS"] = "1";
        start.Environment["PEBBLE_ALTERNATE_ROOTS"] = AlternateRoots.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Same nonce rejection rate as the shared Pebble the run is aimed at (infra-up.sh's default is 0).
        start.Environment["PEBBLE_WFE_NONCEREJECT"] = Env("PEBBLE_WFE_NONCEREJECT", "0");
        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException("pebble did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"Cannot run the pebble binary: {ex.Message}. {Hint}", ex);
        }

        // Drain its output so a chatty Pebble never blocks on a full pipe.
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(caFile);
        Http = new HttpClient(AcmeHttpHandlers.TrustingRoots(roots)) { Timeout = TimeSpan.FromSeconds(30) };
        Directory = new Uri($"https://127.0.0.1:{port}/dir");
        Management = new Uri($"https://127.0.0.1:{managementPort}");
        await WaitUntilUpAsync();
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        Http?.Dispose();
        System.IO.Directory.Delete(_stateDir, recursive: true);
    }

    public Task<string> RootPemAsync(int index) => Http.GetStringAsync(new Uri(Management, $"/roots/{index}"));

    private async Task WaitUntilUpAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using HttpResponseMessage response = await Http.GetAsync(Directory);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (deadline.Elapsed < TimeSpan.FromSeconds(15) && !_process!.HasExited)
            {
            }

            if (_process!.HasExited || deadline.Elapsed >= TimeSpan.FromSeconds(15))
            {
                throw new InvalidOperationException($"The EAB Pebble ({Directory}) did not come up. {Hint}");
            }

            await Task.Delay(100);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Env(string name, string fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;

    private static string FindRepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CertMesh.sln")))
            {
                return dir.FullName;
            }
        }

        return Environment.CurrentDirectory;
    }
}

[CollectionDefinition(Name)]
public sealed class EabPebbleCollection : ICollectionFixture<EabPebbleFixture>, ICollectionFixture<PebbleFixture>
{
    public const string Name = "EabPebble";
}
