using CertMesh.Bench.Infrastructure;

namespace CertMesh.Bench.Ca;

/// <summary>What one CA run measured: <c>Span</c> runs from the first publish to the last CertificateIssued.</summary>
internal sealed record CaRunResult(int Count, TimeSpan PublishTime, TimeSpan Span, int Issued, Percentiles Latency)
{
    public bool Complete => Issued == Count;
    public int Missing => Count - Issued;
    public double CertificatesPerSecond => Span > TimeSpan.Zero ? Issued / Span.TotalSeconds : 0;
}
