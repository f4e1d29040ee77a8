using CertMesh.Client.Lifecycle;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CertMesh.Client.Health;

/// <summary>
/// <c>certmesh-&lt;certificate&gt;</c>: Unhealthy with no certificate or an expired one (clients fail), Degraded past its
/// renewal time or when the last renewal failed (still serving, but someone should look), Healthy otherwise. The
/// description says which, with the serial and the times.
/// </summary>
internal sealed class CertificateHealthCheck(CertificateAgent agent, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Evaluate(agent.State, agent.Definition.Display, time.GetUtcNow()));

    internal static HealthCheckResult Evaluate(CertificateState state, string certificate, DateTimeOffset now)
    {
        if (state.Served is not { } served)
        {
            return HealthCheckResult.Unhealthy($"{certificate}: no certificate yet" + Failure(state));
        }
        var data = new Dictionary<string, object>
        {
            ["serial"] = served.SerialNumber,
            ["notAfter"] = served.NotAfter,
        };
        if (state.RenewalTime is { } renewal)
        {
            data["renewalTime"] = renewal;
        }
        if (served.NotAfter <= now)
        {
            return HealthCheckResult.Unhealthy($"{certificate}: certificate {served.SerialNumber} expired at {served.NotAfter:O}" + Failure(state), data: data);
        }
        if (state.LastFailure is { } failure)
        {
            return HealthCheckResult.Degraded($"{certificate}: serving {served.SerialNumber} (valid until {served.NotAfter:O}), but the last renewal failed" + Failure(state), data: data);
        }
        if (state.RenewalTime is { } due && due <= now)
        {
            return HealthCheckResult.Degraded($"{certificate}: serving {served.SerialNumber}, past its renewal time {due:O} (valid until {served.NotAfter:O}) and not renewed yet", data: data);
        }
        return HealthCheckResult.Healthy($"{certificate}: serving {served.SerialNumber}, valid until {served.NotAfter:O}, renewal at {state.RenewalTime:O}", data);
    }

    static string Failure(CertificateState state) =>
        state.LastFailure is { } failure ? $" (last renewal failed at {failure.At:O}: {failure.Reason}: {failure.Message})" : "";
}
