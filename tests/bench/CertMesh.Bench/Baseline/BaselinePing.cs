namespace CertMesh.Bench.Baseline;

/// <summary>A small message only the baseline's own endpoint consumes; no CertMesh service knows its type.</summary>
public sealed record BaselinePing
{
    public int Sequence { get; init; }
    public DateTimeOffset SentAt { get; init; }
}
