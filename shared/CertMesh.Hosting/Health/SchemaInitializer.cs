using CertMesh.Persistence.Database;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace CertMesh.Hosting.Health;

/// <summary>Creates the schema before the bus starts delivering messages (registered ahead of MassTransit).</summary>
internal sealed class SchemaInitializer(NpgsqlDataSource dataSource) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Schema.EnsureAsync(dataSource, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
