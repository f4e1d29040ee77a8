using Npgsql;

namespace CertMesh.Persistence.Tests.Support;

/// <summary>Where the real servers are: the variables deploy/local/infra-up.sh writes, with its loopback defaults.</summary>
internal static class TestEnvironment
{
    public static string Postgres =>
        Environment.GetEnvironmentVariable("CERTMESH_POSTGRES") ?? "Host=127.0.0.1;Port=5433;Username=certmesh;Password=certmesh;Database=certmesh";

    /// <summary>The vhost reserved for tests; the dev stack uses "/".</summary>
    public static Uri RabbitMq =>
        new(Environment.GetEnvironmentVariable("CERTMESH_TEST_RABBITMQ") ?? "rabbitmq://127.0.0.1:5673/certmesh-test");

    public const string RabbitMqUser = "guest";
    public const string RabbitMqPassword = "guest";

    /// <summary>The PostgreSQL address without the password, for error messages.</summary>
    public static string DescribePostgres()
    {
        var builder = new NpgsqlConnectionStringBuilder(Postgres);
        return $"{builder.Username}@{builder.Host}:{builder.Port}/{builder.Database}";
    }
}
