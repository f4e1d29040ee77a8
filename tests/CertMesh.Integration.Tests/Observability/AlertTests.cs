using System.Globalization;
using System.Text.Json;
using CertMesh.Integration.Tests.Support;
using Xunit;

namespace CertMesh.Integration.Tests.Observability;

/// <summary>
/// The deploy alert rules on a real Prometheus scraping the real stack: a CA-issued certificate that lives one hour
/// raises the expiry alert (and no other), one whose CA Issuer has no CA Secret raises the not-Ready alert, and its
/// Issuer the issuer alert. The rules' <c>for:</c> is shortened to seconds here; promtool's unit tests prove the real ones.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class AlertTests(StackFixture stack) : IAsyncLifetime
{
    const string Namespace = "it-alerts";
    const string ShortLived = "one-hour";
    const string Failing = "no-ca-secret";
    const string MissingCaIssuer = "missing-ca";
    /// <summary>Plays an external cert-manager webhook solver: not a CertMesh service, no /metrics (as in lib/prometheus.sh).</summary>
    const string Unscraped = "WebhookSolver";
    static readonly TimeSpan AlertTimeout = TimeSpan.FromSeconds(90);

    readonly string _rulesDir = Directory.CreateTempSubdirectory("certmesh-alert-rules-").FullName;
    PrometheusProcess _prometheus = null!;

    /// <summary>Per test: the one-hour certificate (applied again, which changes nothing once it exists) and a fresh
    /// Prometheus, started once that certificate is Ready so no not-Ready alert can be pending for it from before.</summary>
    public async Task InitializeAsync()
    {
        await stack.ApplyAsync($"""
            apiVersion: cert-manager.io/v1
            kind: Certificate
            metadata:
              name: {ShortLived}
              namespace: {Namespace}
            spec:
              secretName: {ShortLived}-tls
              duration: 1h
              dnsNames: [one-hour.alerts.test]
              issuerRef:
                name: {StackFixture.CaIssuer}
                kind: ClusterIssuer
                group: cert-manager.io
            """);
        await stack.WaitForIssuedAsync(Namespace, ShortLived);
        await Eventually.UntilAsync(() => ReadyStatusAsync(ShortLived), s => s == "True", TimeSpan.FromSeconds(30), $"{Namespace}/{ShortLived} to be Ready");

        var targets = stack.Services.Where(s => s.Project != Unscraped).Select(s => new PrometheusTarget(s.Project, s.Name, s.BaseAddress));
        _prometheus = await PrometheusProcess.StartAsync(targets, [DeployAlertRules.CopyWithFor(_rulesDir, "3s")]);
    }

    [Fact]
    public async Task Alerts_OneHourCertificateAndIssuerWithoutCaSecret_FireForTheirReasons()
    {
        // A namespaced CA Issuer whose CA Secret does not exist: it is not Ready, and its certificate never issues.
        await stack.ApplyAsync($"""
            apiVersion: cert-manager.io/v1
            kind: Issuer
            metadata:
              name: {MissingCaIssuer}
              namespace: {Namespace}
            spec:
              ca:
                secretName: this-secret-does-not-exist
            ---
            apiVersion: cert-manager.io/v1
            kind: Certificate
            metadata:
              name: {Failing}
              namespace: {Namespace}
            spec:
              secretName: {Failing}-tls
              dnsNames: [no-ca-secret.alerts.test]
              issuerRef:
                name: {MissingCaIssuer}
                kind: Issuer
                group: cert-manager.io
            """);
        IReadOnlyList<PrometheusAlert> alerts;
        try
        {
            alerts = await Eventually.UntilAsync(_prometheus.Api.AlertsAsync,
                a => Firing(a, "CertificateExpiresWithin7Days", ShortLived) is not null && Firing(a, "CertificateNotReady", Failing) is not null
                     && Firing(a, "IssuerNotReady", MissingCaIssuer) is not null,
                AlertTimeout, "the expiry, not-Ready and issuer alerts to fire");
        }
        finally
        {
            // It would be retried (after the back-off) for the rest of the suite.
            await stack.Bus.Publish(new CertMesh.Contracts.DeleteCertificate { Namespace = Namespace, Name = Failing });
        }

        var expiry = Firing(alerts, "CertificateExpiresWithin7Days", ShortLived)!;
        Assert.Equal(Expected(ShortLived, StackFixture.CaIssuer, "ClusterIssuer", "CertificateExpiresWithin7Days", "critical"), expiry.Labels);
        Assert.Contains($"{Namespace}/{ShortLived}", expiry.Annotations["description"], StringComparison.Ordinal);
        var notReady = Firing(alerts, "CertificateNotReady", Failing)!;
        Assert.Equal(Expected(Failing, MissingCaIssuer, "Issuer", "CertificateNotReady", "critical"), notReady.Labels);
        Assert.Contains("(now False)", notReady.Annotations["description"], StringComparison.Ordinal);
        var issuer = Firing(alerts, "IssuerNotReady", MissingCaIssuer)!;
        Assert.Equal(Namespace, issuer.Labels["namespace"]);
        // The issued certificate is Ready and has all of its hour left: no other alert names it, pending or firing.
        Assert.DoesNotContain(alerts, a => a.Labels.GetValueOrDefault("name") == ShortLived && a.Name != "CertificateExpiresWithin7Days");
        // The failing one was never issued: its 0 timestamps must not look like an expired certificate.
        Assert.DoesNotContain(alerts, a => a.Labels.GetValueOrDefault("name") == Failing && a.Name != "CertificateNotReady");
    }

    [Fact]
    public async Task Series_IssuedCertificate_HaveCertManagersLabelNamesAndValues()
    {
        var selector = $$"""{namespace="{{Namespace}}",name="{{ShortLived}}"}""";
        var expiration = await Eventually.UntilAsync(() => _prometheus.Api.SeriesAsync("certmanager_certificate_expiration_timestamp_seconds" + selector),
            s => s.Count > 0, AlertTimeout, "the expiration series");
        var ready = await _prometheus.Api.SeriesAsync("certmanager_certificate_ready_status" + selector);

        // Prometheus adds job and instance (the scraped service); everything else is cert-manager's label set.
        string[] certificateLabels = ["__name__", "instance", "issuer_group", "issuer_kind", "issuer_name", "job", "name", "namespace"];
        var series = Assert.Single(expiration);
        Assert.Equal(certificateLabels, series.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Trigger", series["job"]);
        Assert.Equal(["False", "True", "Unknown"], ready.Select(s => s["condition"]).Order(StringComparer.Ordinal));
        Assert.All(ready, s => Assert.Equal(certificateLabels.Append("condition").Order(StringComparer.Ordinal), s.Keys.Order(StringComparer.Ordinal)));

        var current = await _prometheus.Api.QueryAsync("certmanager_certificate_ready_status" + selector + " == 1");
        Assert.Equal("True", Assert.Single(current).Labels["condition"]);
        var notAfter = double.Parse(Assert.Single(await _prometheus.Api.QueryAsync("certmanager_certificate_expiration_timestamp_seconds" + selector)).Value, CultureInfo.InvariantCulture);
        var left = DateTimeOffset.FromUnixTimeSeconds((long)notAfter) - DateTimeOffset.UtcNow;
        Assert.InRange(left, TimeSpan.FromMinutes(50), TimeSpan.FromMinutes(61));
    }

    [Fact]
    public async Task Scrape_EveryCertMeshService_IsUp()
    {
        var expected = stack.Services.Where(s => s.Project != Unscraped).Select(s => s.Name).Order(StringComparer.Ordinal).ToList();

        var up = await Eventually.UntilAsync(() => _prometheus.Api.QueryAsync("up"),
            u => u.Count == expected.Count && u.All(s => s.Value == "1"), AlertTimeout, "every service's /metrics to be scraped");

        Assert.Equal(expected, up.Select(s => s.Labels["instance"]).Order(StringComparer.Ordinal));
    }

    public async Task DisposeAsync()
    {
        if (_prometheus is not null)
            await _prometheus.DisposeAsync();
        Directory.Delete(_rulesDir, recursive: true);
    }

    static PrometheusAlert? Firing(IReadOnlyList<PrometheusAlert> alerts, string alert, string name) =>
        alerts.FirstOrDefault(a => a.Name == alert && a.State == "firing" && a.Labels.GetValueOrDefault("name") == name);

    static Dictionary<string, string> Expected(string name, string issuer, string kind, string alert, string severity) => new()
    {
        ["alertname"] = alert,
        ["severity"] = severity,
        ["namespace"] = Namespace,
        ["name"] = name,
        ["issuer_name"] = issuer,
        ["issuer_kind"] = kind,
        ["issuer_group"] = "cert-manager.io",
    };

    async Task<string?> ReadyStatusAsync(string name)
    {
        using var http = stack.ApiClient();
        using var status = JsonDocument.Parse(await http.GetStringAsync($"/api/status/certificate/{Namespace}/{name}"));
        return status.RootElement.GetProperty("certificate").GetProperty("status").TryGetProperty("conditions", out var conditions)
            ? conditions.EnumerateArray().Where(c => c.GetProperty("type").GetString() == "Ready").Select(c => c.GetProperty("status").GetString()).FirstOrDefault()
            : null;
    }
}
