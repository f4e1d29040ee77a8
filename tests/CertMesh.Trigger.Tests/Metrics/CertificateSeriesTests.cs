using System.Text.Json;
using CertMesh.Contracts;
using CertMesh.Domain.Resources;
using CertMesh.Hosting.Metrics;
using CertMesh.Hosting.Metrics.Resources;
using CertMesh.Persistence.Database;
using CertMesh.Trigger.Metrics;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CertMesh.Trigger.Tests.Metrics;

/// <summary>
/// Certificates as the store keeps them (serialized from the domain records), projected by the real PostgreSQL and
/// written as cert-manager writes them: names, label names and values.
/// </summary>
public sealed class CertificateSeriesTests : IAsyncLifetime
{
    static readonly DateTimeOffset NotBefore = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
    static readonly DateTimeOffset Now = NotBefore.AddHours(1);
    const string Issuer = "issuer_name=\"letsencrypt\",issuer_kind=\"ClusterIssuer\",issuer_group=\"cert-manager.io\"";

    string _database = "";
    NpgsqlDataSource _dataSource = null!;

    public async Task InitializeAsync()
    {
        (_database, var connectionString) = await ScratchDatabase.CreateAsync("certseries_");
        _dataSource = NpgsqlDataSource.Create(connectionString);
        await Schema.EnsureAsync(_dataSource, CancellationToken.None);
        await StoreAsync(Certificate("web", "shop", ready: ConditionStatus.True, issued: true));
        await StoreAsync(Certificate("api", "shop", ready: ConditionStatus.False, issued: false));
        await StoreAsync(Certificate("new", "shop", ready: null, issued: false));
    }

    public async Task DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        await ScratchDatabase.DropAsync(_database);
    }

    [Fact]
    public async Task Write_PerCertificate_ExportsCertManagersSeriesExactly()
    {
        var text = await ScrapeAsync(new CertificateSeries(CertificateSeriesMode.PerCertificate));
        var notAfter = NotBefore.AddDays(90).ToUnixTimeSeconds();
        var renewal = NotBefore.AddDays(60).ToUnixTimeSeconds();

        Assert.Contains($"certmanager_certificate_expiration_timestamp_seconds{{name=\"web\",namespace=\"shop\",{Issuer}}} {notAfter}\n", text);
        Assert.Contains($"certmanager_certificate_not_after_timestamp_seconds{{name=\"web\",namespace=\"shop\",{Issuer}}} {notAfter}\n", text);
        Assert.Contains($"certmanager_certificate_not_before_timestamp_seconds{{name=\"web\",namespace=\"shop\",{Issuer}}} {NotBefore.ToUnixTimeSeconds()}\n", text);
        Assert.Contains($"certmanager_certificate_renewal_timestamp_seconds{{name=\"web\",namespace=\"shop\",{Issuer}}} {renewal}\n", text);
        Assert.Contains($"certmanager_certificate_ready_status{{name=\"web\",namespace=\"shop\",condition=\"True\",{Issuer}}} 1\n", text);
        Assert.Contains($"certmanager_certificate_ready_status{{name=\"web\",namespace=\"shop\",condition=\"False\",{Issuer}}} 0\n", text);
        Assert.Contains($"certmanager_certificate_ready_status{{name=\"web\",namespace=\"shop\",condition=\"Unknown\",{Issuer}}} 0\n", text);
        // Not issued yet: timestamps 0, as cert-manager writes them.
        Assert.Contains($"certmanager_certificate_expiration_timestamp_seconds{{name=\"api\",namespace=\"shop\",{Issuer}}} 0\n", text);
        Assert.Contains($"certmanager_certificate_ready_status{{name=\"api\",namespace=\"shop\",condition=\"False\",{Issuer}}} 1\n", text);
        // No Ready condition yet: Unknown.
        Assert.Contains($"certmanager_certificate_ready_status{{name=\"new\",namespace=\"shop\",condition=\"Unknown\",{Issuer}}} 1\n", text);
        Assert.Equal(1, Occurrences(text, "# TYPE certmanager_certificate_ready_status gauge\n"));
        Assert.Equal(3 * 3, Occurrences(text, "certmanager_certificate_ready_status{"));
    }

    [Fact]
    public async Task Write_Aggregate_ExportsCountsPerIssuerAndNoPerCertificateSeries()
    {
        var text = await ScrapeAsync(new CertificateSeries(CertificateSeriesMode.Aggregate));

        Assert.DoesNotContain("certmanager_certificate_", text);
        Assert.Contains($"certmesh_certificates{{{Issuer},condition=\"True\"}} 1\n", text);
        Assert.Contains($"certmesh_certificates{{{Issuer},condition=\"False\"}} 1\n", text);
        Assert.Contains($"certmesh_certificates{{{Issuer},condition=\"Unknown\"}} 1\n", text);
        Assert.Contains($"certmesh_certificates_expiring{{{Issuer},within=\"30d\"}} 0\n", text);
        Assert.Contains($"certmesh_certificate_expiration_earliest_timestamp_seconds{{{Issuer}}} {NotBefore.AddDays(90).ToUnixTimeSeconds()}\n", text);
    }

    async Task<string> ScrapeAsync(CertificateSeries series)
    {
        var options = new ResourceFeedOptions(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(10), TimeSpan.FromMilliseconds(200));
        using var feed = new ResourceChangeFeed(_dataSource, [series], new HostingEnvironment { ApplicationName = "certificate-series-test" }, options,
            TimeProvider.System, NullLogger<ResourceChangeFeed>.Instance);
        await feed.StartAsync(CancellationToken.None);
        await Eventually.UntilAsync(() => Task.FromResult(series.Count), count => count == 3, TimeSpan.FromSeconds(15), "the three certificates loaded");
        // Written while the feed still leads: a replica that stops leading drops its series.
        var writer = new StringWriter();
        series.Write(new MetricText(writer), Now);
        await feed.StopAsync(CancellationToken.None);
        return writer.ToString();
    }

    static Certificate Certificate(string name, string @namespace, string? ready, bool issued) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = @namespace },
        Spec = new CertificateSpec { SecretName = name + "-tls", DnsNames = [name + ".example.test"], IssuerRef = new IssuerReference { Name = "letsencrypt", Kind = "ClusterIssuer", Group = "cert-manager.io" } },
        Status = new CertificateStatus
        {
            Conditions = ready is null ? [] : [new Condition { Type = "Ready", Status = ready, Reason = "Test" }],
            NotBefore = issued ? NotBefore : null,
            NotAfter = issued ? NotBefore.AddDays(90) : null,
            RenewalTime = issued ? NotBefore.AddDays(60) : null,
        },
    };

    async Task StoreAsync(Certificate certificate)
    {
        await using var command = _dataSource.CreateCommand(
            "INSERT INTO resources (kind, namespace, name, uid, resource_version, doc) VALUES ('Certificate', @ns, @name, gen_random_uuid(), 1, @doc)");
        command.Parameters.AddWithValue("ns", certificate.Metadata.Namespace);
        command.Parameters.AddWithValue("name", certificate.Metadata.Name);
        command.Parameters.AddWithValue("doc", NpgsqlTypes.NpgsqlDbType.Jsonb, JsonSerializer.Serialize(certificate, Json.Options));
        await command.ExecuteNonQueryAsync();
    }

    static int Occurrences(string text, string part)
    {
        var count = 0;
        for (var index = text.IndexOf(part, StringComparison.Ordinal); index >= 0; index = text.IndexOf(part, index + part.Length, StringComparison.Ordinal))
            count++;
        return count;
    }
}
