using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CertMesh.Hosting.Health;

/// <summary>
/// The ready checks (those /ready runs: PostgreSQL and the bus) as one status and one line naming what fails, e.g.
/// <c>masstransit-bus: Not ready: …</c>; the line is empty when all pass.
/// </summary>
public static class ReadyReport
{
    const int MaxDetail = 500;

    public static async Task<(string Status, string Detail)> RunAsync(HealthCheckService health, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(check => check.Tags.Contains(ServiceDefaults.ReadyTag), cancellationToken);
        var failing = report.Entries
            .Where(entry => entry.Value.Status != HealthStatus.Healthy)
            .Select(entry => $"{entry.Key}: {entry.Value.Description ?? entry.Value.Exception?.Message ?? entry.Value.Status.ToString()}");
        var detail = string.Join("; ", failing);
        return (report.Status.ToString(), detail.Length <= MaxDetail ? detail : detail[..MaxDetail] + "…");
    }
}
