using Prometheus;
using CertMesh.Hosting.Metrics;

namespace CertMesh.ChallengeSolver.Metrics;

/// <summary>
/// How long a DNS-01 TXT value takes to reach every authoritative nameserver: from DnsWebhook confirming it presented
/// the value to the first self-check that finds it everywhere, over however many checks that took. Measured by the
/// holder that presented it; a replica taking over after a crash presents again and starts its own clock.
/// </summary>
internal sealed class Dns01PropagationMetrics(CertMeshMetrics metrics)
{
    public const string Passed = "passed";
    public const string Missed = "missed";

    // Self-checks run every few seconds; providers take from about a second to many minutes to propagate.
    static readonly double[] Buckets = [0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1200];

    readonly Histogram _propagation = metrics.Factory.CreateHistogram("certmesh_dns01_propagation_seconds",
        "Seconds from a DNS-01 TXT value being presented to the self-check first seeing it on every authoritative nameserver.",
        new HistogramConfiguration { Buckets = Buckets });

    readonly Counter _checks = metrics.Factory.CreateCounter("certmesh_dns01_propagation_checks_total",
        "DNS-01 propagation self-checks, by result (passed, missed).", ["result"]);

    public void Checked(bool passed, TimeSpan sincePresented)
    {
        _checks.WithLabels(passed ? Passed : Missed).Inc();
        if (passed)
            _propagation.Observe(Math.Max(0, sincePresented.TotalSeconds));
    }
}
