using CertMesh.Hosting.Metrics;
using Prometheus;

namespace CertMesh.Hosting.Outbox;

/// <summary>
/// This process's share of the outbox's work. Counted once the deletion of the sent rows commits: a batch whose
/// commit fails goes out again, and counting it then would count it twice.
/// </summary>
public sealed class OutboxMetrics(CertMeshMetrics metrics)
{
    readonly Counter _published = metrics.Factory.CreateCounter("certmesh_outbox_published_total",
        "Outbox messages this process published or sent (each counted once its row's deletion committed).");

    public void Published(int count)
    {
        if (count > 0)
            _published.Inc(count);
    }
}
