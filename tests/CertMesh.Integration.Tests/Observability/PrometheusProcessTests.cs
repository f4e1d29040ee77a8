using System.Globalization;
using Xunit;

namespace CertMesh.Integration.Tests.Observability;

/// <summary>
/// The test Prometheus itself, and the deploy rules on it, without the stack: two replicas export the same
/// certificates (one expiring in an hour, one that never issued, one healthy), and the alerts that fire name exactly
/// the right ones, once each.
/// </summary>
public sealed class PrometheusProcessTests : IDisposable
{
    readonly string _rulesDir = Directory.CreateTempSubdirectory("certmesh-rules-").FullName;

    [Fact]
    public async Task StartAsync_BinaryMissing_FailsNamingTheDebianPackage()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => PrometheusProcess.StartAsync([], [], binary: "/nonexistent/bin/prometheus"));

        Assert.Contains("/nonexistent/bin/prometheus is missing", error.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install --no-install-recommends prometheus", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alerts_TwoReplicasExportExpiringAndUnissuedCertificates_FireOncePerCertificate()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var exposition = Certificate("expiring", now, now + 3600, ready: "True")
            + Certificate("unissued", 0, 0, ready: "False")
            + Certificate("healthy", now, now + 60 * 86400, ready: "True");
        using var replica1 = StaticMetricsEndpoint.Start(exposition);
        using var replica2 = StaticMetricsEndpoint.Start(exposition);
        var rules = DeployAlertRules.CopyWithFor(_rulesDir, "2s");
        await using var prometheus = await PrometheusProcess.StartAsync(
            [new("Trigger", "Trigger@1", replica1.BaseAddress), new("Trigger", "Trigger@2", replica2.BaseAddress)], [rules]);

        var alerts = await Eventually.UntilAsync(prometheus.Api.AlertsAsync,
            a => a.Count(x => x.State == "firing") >= 2, TimeSpan.FromSeconds(60), "the expiry and not-ready alerts to fire");
        await Task.Delay(TimeSpan.FromSeconds(3));   // a few more evaluations: nothing else may turn up
        alerts = await prometheus.Api.AlertsAsync();

        var expiry = Assert.Single(alerts, a => a.Name == "CertificateExpiresWithin7Days");
        Assert.Equal("expiring", expiry.Labels["name"]);
        Assert.Equal("critical", expiry.Labels["severity"]);
        var notReady = Assert.Single(alerts, a => a.Name == "CertificateNotReady");
        Assert.Equal("unissued", notReady.Labels["name"]);
        Assert.Contains("(now False)", notReady.Annotations["description"], StringComparison.Ordinal);
        Assert.DoesNotContain(alerts, a => a.Labels.GetValueOrDefault("name") == "healthy");
        Assert.DoesNotContain(alerts, a => a.Name == "CertificateLifetimeBelowOneThird");
        var series = await prometheus.Api.SeriesAsync("""certmanager_certificate_ready_status{name="expiring"}""");
        Assert.Equal(["Trigger@1", "Trigger@2"], series.Select(s => s["instance"]).Distinct().Order());
    }

    public void Dispose() => Directory.Delete(_rulesDir, recursive: true);

    static string Certificate(string name, long notBefore, long notAfter, string ready)
    {
        var labels = $"name=\"{name}\",namespace=\"shop\",issuer_name=\"ca\",issuer_kind=\"ClusterIssuer\",issuer_group=\"cert-manager.io\"";
        var text = string.Create(CultureInfo.InvariantCulture, $$"""
            certmanager_certificate_expiration_timestamp_seconds{{{labels}}} {{notAfter}}
            certmanager_certificate_not_before_timestamp_seconds{{{labels}}} {{notBefore}}
            certmanager_certificate_not_after_timestamp_seconds{{{labels}}} {{notAfter}}

            """);
        foreach (var condition in new[] { "True", "False", "Unknown" })
            text += $"certmanager_certificate_ready_status{{{labels},condition=\"{condition}\"}} {(condition == ready ? 1 : 0)}\n";
        return text;
    }
}
