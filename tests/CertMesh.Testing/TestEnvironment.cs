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
