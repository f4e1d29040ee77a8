using System.Globalization;
using CertMesh.Acme.Http;
using CertMesh.Hosting.Metrics;
using Prometheus;

namespace CertMesh.Acme.Hosting;

/// <summary>
/// cert-manager's ACME client series, with its names, labels and types: a counter and a summary (not a histogram)
/// per (scheme, host, action, method, status). An exchange that got no HTTP answer is counted with status
/// <c>999</c>, as cert-manager's instrumented transport does, so failing connections show up beside CA errors.
/// </summary>
public sealed class AcmeClientMetrics(CertMeshMetrics metrics) : IAcmeRequestObserver
{
    /// <summary>cert-manager's status for an exchange without a response.</summary>
    public const string NoResponseStatus = "999";

    static readonly string[] Labels = ["scheme", "host", "action", "method", "status"];

    readonly Counter _requests = metrics.Factory.CreateCounter("certmanager_http_acme_client_request_count",
        "The number of requests made by the ACME client.", Labels);

    readonly Summary _durations = metrics.Factory.CreateSummary("certmanager_http_acme_client_request_duration_seconds",
        "The HTTP request latencies in seconds for the ACME client.", Labels, new SummaryConfiguration
        {
            Objectives = [new QuantileEpsilonPair(0.5, 0.05), new QuantileEpsilonPair(0.9, 0.01), new QuantileEpsilonPair(0.99, 0.001)],
        });

    public void Observe(AcmeExchange exchange)
    {
        var labels = LabelsOf(exchange);
        _requests.WithLabels(labels).Inc();
        _durations.WithLabels(labels).Observe(exchange.Duration.TotalSeconds);
    }

    /// <summary>The label values, in <see cref="Labels"/> order; the host keeps a non-default port, as Go's URL.Host does.</summary>
    public static string[] LabelsOf(AcmeExchange exchange) =>
    [
        exchange.Url.Scheme,
        exchange.Url.IsDefaultPort ? exchange.Url.Host : exchange.Url.Authority,
        exchange.Action,
        exchange.Method.Method,
        exchange.StatusCode is { } status ? status.ToString(CultureInfo.InvariantCulture) : NoResponseStatus,
    ];
}
