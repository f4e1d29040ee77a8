using CertMesh.Bench.Infrastructure;
using CertMesh.Bench.Resources;

namespace CertMesh.Bench.Ca;

/// <summary>
/// What one CA run measured: <c>Span</c> runs from the first publish to the last CertificateIssued; a paced run adds
/// its pacing and the rate certificates came out at; <c>Usage</c> is the stack's CPU and counters over that span.
/// </summary>
internal sealed record CaRunResult(int Count, TimeSpan PublishTime, TimeSpan Span, int Issued, Percentiles Latency, StackUsage Usage)
{
    public PacedPublisher.Pacing? Pacing { get; init; }
    public double IssuedRate { get; init; }

    public bool Complete => Issued == Count;
    public int Missing => Count - Issued;
    public double CertificatesPerSecond => Span > TimeSpan.Zero ? Issued / Span.TotalSeconds : 0;
}
