using System.Security.Cryptography.X509Certificates;
using CertMesh.Acme.Accounts;
using CertMesh.Acme.Http;
using CertMesh.Acme.Jws;
using CertMesh.Dns.Tsig;
using CertMesh.Dns.Update;

namespace CertMesh.Acme.Tests.Support;

/// <summary>
/// The real Pebble and the BIND its VA resolves through, started by deploy/local/infra-up.sh and located through the
/// variables that script writes (with its loopback defaults). Test names live in BIND's zone certmesh.test, where
/// every name resolves to loopback; DNS-01 records are written with TSIG-signed RFC 2136 updates. Pebble's TLS is
/// trusted through its own CA, validation on. Unreachable servers fail every test with a message naming the script:
/// these tests never skip.
/// </summary>
public sealed class PebbleFixture : IAsyncLifetime
{
    private const string Hint = "Start the local servers with deploy/local/infra-up.sh (then source deploy/local/.state/env).";

    public Uri Directory { get; } = new(Env("PEBBLE_DIRECTORY", "https://127.0.0.1:14000/dir"));

    public Uri Management { get; } = new(Env("PEBBLE_MANAGEMENT", "https://127.0.0.1:15000"));

    public string TestZone { get; } = Env("BIND_TEST_ZONE", "certmesh.test");

    readonly Dictionary<string, List<string>> _txtValues = new();
    Rfc2136Client _bind = null!;

    public int Http01Port { get; } = int.Parse(Env("EDGE_HTTP_PORT", "5002"), System.Globalization.CultureInfo.InvariantCulture);

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        string caFile = Env("PEBBLE_CA_CERT", Path.Combine(RepositoryRoot(), "deploy/local/.state/pebble/ca.pem"));
        if (!File.Exists(caFile))
        {
            throw new InvalidOperationException($"Pebble's TLS CA file {caFile} (PEBBLE_CA_CERT) does not exist. {Hint}");
        }

        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(caFile);
        Http = new HttpClient(AcmeHttpHandlers.TrustingRoots(roots)) { Timeout = TimeSpan.FromSeconds(30) };
        var secret = Environment.GetEnvironmentVariable("TSIG_SECRET") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"TSIG_SECRET is not set, so DNS-01 records cannot be written to BIND. {Hint}");
        _bind = new Rfc2136Client(System.Net.IPEndPoint.Parse(Env("BIND_SERVER", "127.0.0.1:5354")),
            TsigKey.FromBase64(Env("TSIG_KEY_NAME", "certmesh-key"), Env("TSIG_ALGORITHM", "hmac-sha256"), secret));
        try
        {
            using HttpResponseMessage directory = await Http.GetAsync(Directory);
            directory.EnsureSuccessStatusCode();
            await _bind.RemoveTxtAsync(TestZone, $"_probe.{TestZone}", "probe");
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TimeoutException or System.Net.Sockets.SocketException or CertMesh.Dns.Update.DnsUpdateException)
        {
            throw new InvalidOperationException($"Pebble ({Directory}) or BIND ({_bind.Server}, zone {TestZone}) is unreachable or refuses updates: {ex.Message}. {Hint}", ex);
        }
    }

    public Task DisposeAsync()
    {
        Http.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A client with a fresh, registered account.</summary>
    public async Task<AcmeClient> NewAccountClientAsync(AccountKeyType type = AccountKeyType.ES256, AcmeClientOptions? options = null)
    {
        var client = new AcmeClient(Http, Directory, AccountKey.Create(type), options);
        await client.CreateAccountAsync(new NewAccountRequest { TermsOfServiceAgreed = true, Contact = ["mailto:test@certmesh.test"] });
        return client;
    }

    /// <summary>A DNS name no other test (or earlier run) has used, so Pebble never reuses an authorization.</summary>
    public static string UniqueName(string prefix) =>
        $"{prefix}-{Guid.NewGuid():N}".Substring(0, prefix.Length + 13) + "." + Env("BIND_TEST_ZONE", "certmesh.test");

    /// <summary>Adds one TXT value at <paramref name="recordName"/> in BIND (Pebble's VA sees it at once).</summary>
    public async Task SetTxtAsync(string recordName, string value)
    {
        await _bind.AddTxtAsync(TestZone, recordName, value, ttl: 5);
        lock (_txtValues)
        {
            if (!_txtValues.TryGetValue(recordName, out var values))
                _txtValues[recordName] = values = [];
            values.Add(value);
        }
    }

    /// <summary>Removes every value this fixture added at <paramref name="recordName"/>.</summary>
    public async Task ClearTxtAsync(string recordName)
    {
        List<string> values;
        lock (_txtValues)
        {
            values = _txtValues.Remove(recordName, out var added) ? added : [];
        }
        foreach (var value in values)
            await _bind.RemoveTxtAsync(TestZone, recordName, value);
    }

    /// <summary>Pebble's current issuing root (new at every Pebble start).</summary>
    public Task<string> RootPemAsync() => Http.GetStringAsync(new Uri(Management, "/roots/0"));

    private static string Env(string name, string fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;

    private static string RepositoryRoot()
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
public sealed class PebbleCollection : ICollectionFixture<PebbleFixture>
{
    public const string Name = "Pebble";
}
