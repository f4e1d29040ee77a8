using CertMesh.Api.Health;
using CertMesh.Hosting.Health;
using CertMesh.Persistence.Database;
using CertMesh.Persistence.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace CertMesh.Api.Endpoints;

/// <summary>
/// <c>certmesh check api</c>: is the Api ready, and has every expected service a replica that reported healthy lately?
/// Any authenticated principal may ask: the answer names services, replicas and failing checks, never a resource or a
/// namespace, and an operator's read-only token must be enough for a deploy script to wait on it. The anonymous
/// <c>/health</c> stays this process's own probe.
/// </summary>
internal static class HealthEndpoints
{
    public static void MapHealthEndpoints(this WebApplication app)
    {
        app.MapGet("/api/health", async (HealthCheckService health, CertMeshDatabase database, HealthOptions options, CancellationToken cancellationToken) =>
        {
            // The Api answers for itself from a check run now, not from its last heartbeat.
            var (status, detail) = await ReadyReport.RunAsync(health, cancellationToken);
            IReadOnlyList<Heartbeat> rows;
            DateTimeOffset now;
            try
            {
                (rows, now) = await ServiceHeartbeats.ReadAsync(database.DataSource, cancellationToken);
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
            {
                return Results.Json(new
                {
                    kind = "Status", status = "Failure", reason = "ServiceUnavailable", code = 503,
                    message = $"the Api cannot read the services' heartbeats from PostgreSQL (Api {status}{(detail.Length > 0 ? ": " + detail : "")})",
                }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
            var own = rows.FirstOrDefault(r => r.Service == HealthOptions.Api && r.Replica == options.Replica);
            var live = new Heartbeat(HealthOptions.Api, options.Replica, status, detail, own?.StartedAt ?? now, now);
            var verdict = ServiceReadiness.Decide(options.Expected, [.. rows.Where(r => r != own), live], now, options.StaleAfter);
            return Results.Json(new
            {
                ready = verdict.Ready,
                time = now,
                staleAfterSeconds = options.StaleAfter.TotalSeconds,
                services = verdict.Services.Select(s => new
                {
                    name = s.Name,
                    ready = s.Ready,
                    reason = s.Reason,
                    replicas = s.Replicas.Select(r => new
                    {
                        replica = r.Heartbeat.Replica,
                        status = r.Heartbeat.Status,
                        detail = r.Heartbeat.Detail,
                        startedAt = r.Heartbeat.StartedAt,
                        seenAt = r.Heartbeat.SeenAt,
                        secondsSinceSeen = Math.Round(r.Age.TotalSeconds, 1),
                        fresh = r.Fresh,
                    }),
                }),
            });
        });
    }
}
