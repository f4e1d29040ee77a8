using CertMesh.Contracts;
using CertMesh.Integration.Tests.Support;
using CertMesh.Testing;
using MassTransit;
using Xunit;

namespace CertMesh.Integration.Tests.Observability;

/// <summary>
/// Trigger's <c>/metrics</c> on the real stack: an issued Certificate appears with cert-manager's series and the
/// values of its Secret, a deleted one disappears — from the change feed, within seconds, without any scrape reading
/// the store.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class CertificateMetricsTests(StackFixture stack)
{
    [Fact]
    public async Task Metrics_IssuedThenDeleted_SeriesFollowTheCertificate()
    {
        await stack.Bus.Publish(Commands.Issue("it-metrics", "watched"));
        var issued = await stack.Events.WaitForIssuedAsync("it-metrics", "watched");
        var labels = $"name=\"watched\",namespace=\"it-metrics\",issuer_name=\"{StackFixture.CaIssuer}\"";

        var text = await Eventually.UntilAsync(ScrapeTriggerAsync,
            t => t.Contains($"certmanager_certificate_ready_status{{name=\"watched\",namespace=\"it-metrics\",condition=\"True\",", StringComparison.Ordinal)
                 && t.Contains($"}} {issued.NotAfter.ToUnixTimeSeconds()}\n", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), "Trigger to export the issued certificate");

        Assert.Contains($"certmanager_certificate_expiration_timestamp_seconds{{{labels},", text);
        Assert.Contains($"certmanager_certificate_not_before_timestamp_seconds{{{labels},", text);
        Assert.Contains($"certmanager_certificate_renewal_timestamp_seconds{{{labels},", text);
        Assert.Contains("certmanager_controller_sync_call_count{controller=\"issue-certificate\"}", text);

        await stack.Bus.CreateRequestClient<DeleteCertificate>()
            .GetResponse<CertificateDeleted, CertificateNotFound>(new DeleteCertificate { Namespace = "it-metrics", Name = "watched" });
        await Eventually.UntilAsync(ScrapeTriggerAsync, t => !t.Contains("namespace=\"it-metrics\"", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), "the deleted certificate's series to go");
    }

    async Task<string> ScrapeTriggerAsync()
    {
        using var http = new HttpClient { BaseAddress = stack.Service("Trigger").BaseAddress };
        return await http.GetStringAsync("/metrics");
    }
}
