using System.Globalization;
using System.Text.Json;
using CertMesh.Cli.Output;
using CertMesh.Cli.Resources;

namespace CertMesh.Cli.Status;

/// <summary>
/// The Api's <c>/api/health</c> answer as <c>certmesh check api</c> prints it: the verdict and a table of services on
/// stdout, and one <c>not ready: SERVICE — why</c> line per failing service on stderr.
/// </summary>
internal static class HealthReport
{
    public static bool IsReady(JsonElement health) => health.Text("ready") == "true";

    /// <returns>the exit code: success only when everything is ready.</returns>
    public static async Task<int> WriteAsync(JsonElement health, CliContext context)
    {
        var ready = IsReady(health);
        await context.Out.WriteLineAsync(ready ? "The CertMesh API is ready" : "The CertMesh API is not ready");
        var services = health.Items("services").ToList();
        await context.Out.WriteAsync(Table.Format(["SERVICE", "READY", "REPLICAS", "LAST HEARTBEAT"], services.Select(Row)));
        foreach (var service in services.Where(s => s.Text("ready") != "true"))
            await context.Err.WriteLineAsync($"not ready: {service.Text("name")} — {service.Text("reason") ?? "no reason given"}");
        return ready ? ExitCodes.Success : ExitCodes.Failure;
    }

    /// <summary>REPLICAS is healthy-and-fresh out of all known, so "1/3" shows a service holding on by one replica.</summary>
    private static IReadOnlyList<string> Row(JsonElement service)
    {
        var replicas = service.Items("replicas").ToList();
        var healthy = replicas.Count(r => r.Text("fresh") == "true" && r.Text("status") == "Healthy");
        var latest = replicas
            .Select(r => double.TryParse(r.Text("secondsSinceSeen"), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? s : (double?)null)
            .Min();
        return
        [
            service.Text("name") ?? "",
            service.Text("ready") == "true" ? "True" : "False",
            $"{healthy}/{replicas.Count}",
            latest is { } seconds ? HumanDuration.Format(TimeSpan.FromSeconds(seconds)) + " ago" : "<none>",
        ];
    }
}
