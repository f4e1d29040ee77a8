using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using CertMesh.Acme.Accounts;
using CertMesh.Acme.Http;
using CertMesh.Acme.Jws;

namespace CertMesh.Acme.Tests.Support;

/// <summary>
/// The real Pebble and pebble-challtestsrv started by deploy/local/infra-up.sh, located through the variables that
/// script writes (with its loopback defaults). Pebble's TLS is trusted through its own CA, validation on.
/// Unreachable servers fail every test with a message naming the script: these tests never skip.
/// </summary>
public sealed class PebbleFixture : IAsyncLifetime
{
    private const string Hint = "Start the local servers with deploy/local/infra-up.sh (then source deploy/local/.state/env).";

    public Uri Directory { get; } = new(Env("PEBBLE_DIRECTORY", "https://127.0.0.1:14000/dir"));

    public Uri Management { get; } = new(Env("PEBBLE_MANAGEMENT", "https://127.0.0.1:15000"));

    public Uri ChallTestSrv { get; } = new(Env("CHALLTESTSRV", "http://127.0.0.1:8055"));

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
        try
        {
            using HttpResponseMessage directory = await Http.GetAsync(Directory);
            directory.EnsureSuccessStatusCode();
            using HttpResponseMessage challtestsrv = await Http.PostAsJsonAsync(new Uri(ChallTestSrv, "/clear-txt"), new { host = "_probe.certmesh.test." });
            challtestsrv.EnsureSuccessStatusCode();
        }
        catch (HttpRequestException ex)
        {
            throw new InvalidOperationException($"Pebble ({Directory}) or pebble-challtestsrv ({ChallTestSrv}) is unreachable: {ex.Message}. {Hint}", ex);
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
    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}".Substring(0, prefix.Length + 13) + ".certmesh.test";

    public async Task SetTxtAsync(string recordName, string value)
    {
        using HttpResponseMessage response = await Http.PostAsJsonAsync(new Uri(ChallTestSrv, "/set-txt"), new { host = recordName + ".", value });
        response.EnsureSuccessStatusCode();
    }

    public async Task ClearTxtAsync(string recordName)
    {
        using HttpResponseMessage response = await Http.PostAsJsonAsync(new Uri(ChallTestSrv, "/clear-txt"), new { host = recordName + "." });
        response.EnsureSuccessStatusCode();
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
