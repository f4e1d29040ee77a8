using CertMesh.Acme.Hosting;
using CertMesh.Acme.Http;
using CertMesh.Hosting.Metrics;
using Prometheus;

namespace CertMesh.Acme.Tests.Hosting;

/// <summary>The label values cert-manager's ACME client series carry, including an exchange that got no answer.</summary>
public sealed class AcmeClientMetricsTests
{
    [Theory]
    [InlineData("https://acme-v02.api.letsencrypt.org/acme/new-order", 201, "https", "acme-v02.api.letsencrypt.org", "201")]
    [InlineData("https://127.0.0.1:14000/order-plz", 200, "https", "127.0.0.1:14000", "200")]
    [InlineData("https://127.0.0.1:14000/order-plz", null, "https", "127.0.0.1:14000", AcmeClientMetrics.NoResponseStatus)]
    public void LabelsOf_Exchange_SchemeHostActionMethodStatus(string url, int? status, string scheme, string host, string statusLabel)
    {
        var exchange = new AcmeExchange(AcmeActions.NewOrder, HttpMethod.Post, new Uri(url), status, TimeSpan.FromMilliseconds(12));

        Assert.Equal([scheme, host, AcmeActions.NewOrder, "POST", statusLabel], AcmeClientMetrics.LabelsOf(exchange));
    }

    [Fact]
    public async Task Observe_Exchange_ExportsCountAndSummaryWithCertManagerNames()
    {
        var metrics = new CertMeshMetrics();
        var observer = new AcmeClientMetrics(metrics);

        observer.Observe(new AcmeExchange(AcmeActions.FinalizeOrder, HttpMethod.Post, new Uri("https://ca.test/finalize/1"), 200, TimeSpan.FromSeconds(0.25)));

        var text = await Scrape(metrics);
        Assert.Contains("# TYPE certmanager_http_acme_client_request_count counter", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE certmanager_http_acme_client_request_duration_seconds summary", text, StringComparison.Ordinal);
        Assert.Contains("certmanager_http_acme_client_request_count{scheme=\"https\",host=\"ca.test\",action=\"finalize_order\",method=\"POST\",status=\"200\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("certmanager_http_acme_client_request_duration_seconds{scheme=\"https\",host=\"ca.test\",action=\"finalize_order\",method=\"POST\",status=\"200\",quantile=\"0.99\"}", text, StringComparison.Ordinal);
    }

    static async Task<string> Scrape(CertMeshMetrics metrics)
    {
        using var stream = new MemoryStream();
        await metrics.Registry.CollectAndExportAsTextAsync(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
