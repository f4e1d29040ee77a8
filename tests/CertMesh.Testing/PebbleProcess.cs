using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace CertMesh.Testing;

/// <summary>What a test-owned Pebble differs in; everything else is as infra-up.sh runs the shared one.</summary>
public sealed record PebbleOptions
{
    /// <summary>Where its VA fetches HTTP-01 tokens: the Edge under test.</summary>
    public int HttpPort { get; init; } = TestEnvironment.EdgeHttpPort;

    /// <summary>The resolver its VA asks (BIND, authoritative for the test zones).</summary>
    public string DnsServer { get; init; } = Environment.GetEnvironmentVariable("PEBBLE_DNS_SERVER") is { Length: > 0 } dns ? dns : TestEnvironment.BindServer;

    /// <summary>
    /// PEBBLE_* settings (PEBBLE_WFE_NONCEREJECT, PEBBLE_AUTHZREUSE, PEBBLE_CHAIN_LENGTH, PEBBLE_ALTERNATE_ROOTS …).
    /// Unless given, nonces are not rejected (Pebble's own default is 5%).
    /// </summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>When set, accounts need an external account binding with one of these key ids and MAC keys.</summary>
    public IReadOnlyDictionary<string, string>? ExternalAccountMacKeys { get; init; }

    /// <summary>Where its output goes (appended); drained and dropped when null.</summary>
    public string? LogPath { get; init; }
}

/// <summary>
/// A Pebble a test starts itself, on free loopback ports, so it can have settings the shared Pebble of infra-up.sh must
/// not be restarted for. It serves the shared Pebble's TLS certificate, so whatever trusts that one
/// (<see cref="TestEnvironment.PebbleCaFile"/>, the services' CERTMESH_ACME_CA_FILE) trusts this one too. It runs on one
/// OS thread, as infra-up.sh runs the shared one (Pebble 2.4's lock-order bugs practically never hang it there), and is
/// stopped by its own pid.
/// </summary>
public sealed class PebbleProcess : IAsyncDisposable
{
    const string Hint = "Install Pebble and start the local servers with deploy/local/infra-up.sh.";
    static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    readonly Process _process;
    readonly string _stateDir;
    readonly StreamWriter? _log;

    PebbleProcess(Process process, string stateDir, StreamWriter? log, int port, int managementPort, HttpClient http)
    {
        _process = process;
        _stateDir = stateDir;
        _log = log;
        Directory = new Uri($"https://127.0.0.1:{port}/dir");
        Management = new Uri($"https://127.0.0.1:{managementPort}");
        Http = http;
    }

    public Uri Directory { get; }
    public Uri Management { get; }

    /// <summary>A client that trusts Pebble's TLS certificate (validation on) for the management API.</summary>
    public HttpClient Http { get; }

    public int ProcessId => _process.Id;

    public static async Task<PebbleProcess> StartAsync(PebbleOptions options)
    {
        var caFile = TestEnvironment.PebbleCaFile;
        var tlsDir = Path.GetDirectoryName(caFile)!;
        if (!File.Exists(Path.Combine(tlsDir, "localhost.pem")))
            throw new InvalidOperationException($"Pebble's TLS certificate is missing next to {caFile}. {Hint}");

        var stateDir = System.IO.Directory.CreateTempSubdirectory("certmesh-pebble-").FullName;
        var port = TestEnvironment.FreePort();
        var managementPort = TestEnvironment.FreePort();
        var config = Path.Combine(stateDir, "pebble-config.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new
        {
            pebble = new
            {
                listenAddress = $"127.0.0.1:{port}",
                managementListenAddress = $"127.0.0.1:{managementPort}",
                certificate = Path.Combine(tlsDir, "localhost.pem"),
                privateKey = Path.Combine(tlsDir, "localhost.key"),
                httpPort = options.HttpPort,
                tlsPort = 5001,
                ocspResponderURL = string.Empty,
                externalAccountBindingRequired = options.ExternalAccountMacKeys is not null,
                externalAccountMACKeys = options.ExternalAccountMacKeys ?? new Dictionary<string, string>(),
            },
        }));

        var start = new ProcessStartInfo("pebble")
        {
            ArgumentList = { "-config", config, "-dnsserver", options.DnsServer },
            WorkingDirectory = stateDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PEBBLE_VA_NOSLEEP"] = "1";
        start.Environment["GOMAXPROCS"] = "1";
        start.Environment["PEBBLE_WFE_NONCEREJECT"] = "0";
        foreach (var (name, value) in options.Settings)
            start.Environment[name] = value;

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("pebble did not start");
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            System.IO.Directory.Delete(stateDir, recursive: true);
            throw new InvalidOperationException($"Cannot run the pebble binary: {exception.Message}. {Hint}", exception);
        }

        // Drained (into the log, if any) so a chatty Pebble never blocks on a full pipe.
        var log = options.LogPath is null ? null : new StreamWriter(options.LogPath, append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var pebble = new PebbleProcess(process, stateDir, log, port, managementPort, TrustingClient(caFile));
        try
        {
            await pebble.WaitUntilUpAsync();
        }
        catch
        {
            await pebble.DisposeAsync();
            throw;
        }
        return pebble;
    }

    /// <summary>One of its issuing roots (new at every start): 0 is the default chain's.</summary>
    public Task<string> RootPemAsync(int index = 0) => Http.GetStringAsync(new Uri(Management, $"/roots/{index}"));

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Http.Dispose();
        if (_log is not null)
        {
            lock (_log)
                _log.Dispose();
        }
        System.IO.Directory.Delete(_stateDir, recursive: true);
    }

    async Task WaitUntilUpAsync()
    {
        var elapsed = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var response = await Http.GetAsync(Directory);
                if (response.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException) when (elapsed.Elapsed < StartTimeout && !_process.HasExited)
            {
            }
            if (_process.HasExited || elapsed.Elapsed >= StartTimeout)
            {
                var how = _process.HasExited ? $"exited with {_process.ExitCode.ToString(CultureInfo.InvariantCulture)}" : $"did not answer within {StartTimeout.TotalSeconds:0}s";
                throw new InvalidOperationException($"The test's own Pebble ({Directory}) {how}. {Hint}");
            }
            await Task.Delay(100);
        }
    }

    static void Write(StreamWriter? log, string? line)
    {
        if (log is null || line is null)
            return;
        lock (log)
        {
            if (log.BaseStream is not null)
                log.WriteLine(line);
        }
    }

    static HttpClient TrustingClient(string caFile)
    {
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(caFile);
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, errors) =>
            {
                // A name mismatch stays fatal; only the "untrusted root" verdict is decided again, against Pebble's CA.
                if (certificate is null || (errors & ~System.Net.Security.SslPolicyErrors.RemoteCertificateChainErrors) != 0)
                    return false;
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(roots);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(certificate);
            },
        };
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
    }
}
