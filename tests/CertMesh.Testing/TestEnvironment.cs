using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace CertMesh.Testing;

/// <summary>Where the real servers are: the variables deploy/local/infra-up.sh writes, with its loopback defaults.</summary>
public static class TestEnvironment
{
    public static string Postgres =>
        Environment.GetEnvironmentVariable("CERTMESH_POSTGRES") ?? "Host=127.0.0.1;Port=5433;Username=certmesh;Password=certmesh;Database=certmesh";

    /// <summary>The vhost reserved for tests; the dev stack uses "/".</summary>
    public static Uri RabbitMq =>
        new(Environment.GetEnvironmentVariable("CERTMESH_TEST_RABBITMQ") ?? "rabbitmq://127.0.0.1:5673/certmesh-test");

    public const string RabbitMqUser = "guest";
    public const string RabbitMqPassword = "guest";

    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The local Pebble of infra-up.sh: its directory, management API and the CA its TLS certificate chains to.</summary>
    public static Uri PebbleDirectory => new(Environment.GetEnvironmentVariable("PEBBLE_DIRECTORY") ?? "https://127.0.0.1:14000/dir");
    public static Uri PebbleManagement => new(Environment.GetEnvironmentVariable("PEBBLE_MANAGEMENT") ?? "https://127.0.0.1:15000");
    public static string PebbleCaFile
    {
        get
        {
            var file = Environment.GetEnvironmentVariable("PEBBLE_CA_CERT") ?? Path.Combine(RepositoryRoot, "deploy/local/.state/pebble/ca.pem");
            return File.Exists(file) ? file : throw new InvalidOperationException($"Pebble's TLS CA {file} does not exist: start the servers with deploy/local/infra-up.sh");
        }
    }

    /// <summary>Pebble's httpPort: where its VA fetches HTTP-01 tokens, so where the Edge under test listens.</summary>
    public static int EdgeHttpPort => int.TryParse(Environment.GetEnvironmentVariable("EDGE_HTTP_PORT"), out var port) ? port : 5002;

    /// <summary>Where the Edge under test terminates TLS (infra-up.sh's EDGE_HTTPS_PORT).</summary>
    public static int EdgeHttpsPort => int.TryParse(Environment.GetEnvironmentVariable("EDGE_HTTPS_PORT"), out var port) ? port : 5443;

    /// <summary>The BIND of infra-up.sh: authoritative for <see cref="BindZone"/>, which takes TXT updates signed with the TSIG key.</summary>
    public static string BindServer => Environment.GetEnvironmentVariable("BIND_SERVER") ?? "127.0.0.1:5354";
    public static string BindZone => Environment.GetEnvironmentVariable("BIND_ZONE") ?? "example.test";
    public static string TsigKeyName => Environment.GetEnvironmentVariable("TSIG_KEY_NAME") ?? "certmesh-key";
    public static string TsigAlgorithm => Environment.GetEnvironmentVariable("TSIG_ALGORITHM") ?? "hmac-sha256";
    public static string TsigSecret => Environment.GetEnvironmentVariable("TSIG_SECRET") is { Length: > 0 } secret
        ? secret
        : throw new InvalidOperationException("TSIG_SECRET is not set: start the servers with deploy/local/infra-up.sh, then source deploy/local/.state/env");

    /// <summary>The build configuration the test assembly was built in; services under test run from the same one.</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    /// <summary>The PostgreSQL address without the password, for error messages.</summary>
    public static string DescribePostgres()
    {
        var builder = new NpgsqlConnectionStringBuilder(Postgres);
        return $"{builder.Username}@{builder.Host}:{builder.Port}/{builder.Database}";
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CertMesh.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("cannot find CertMesh.sln above " + AppContext.BaseDirectory);
    }
}
