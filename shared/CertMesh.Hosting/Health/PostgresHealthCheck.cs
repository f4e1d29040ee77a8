using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace CertMesh.Hosting.Health;

/// <summary>PostgreSQL answers a trivial query within a few seconds; a stopped or frozen server makes the service not ready.</summary>
internal sealed class PostgresHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(timeout.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy(timeout.IsCancellationRequested
                ? $"PostgreSQL did not answer within {Timeout.TotalSeconds:0} s"
                : "PostgreSQL is unreachable", exception);
        }
    }
}
