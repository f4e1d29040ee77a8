using System.Globalization;
using CertMesh.Bench.Baseline;
using CertMesh.Bench.Infrastructure;

namespace CertMesh.Bench.Ca;

/// <summary>The text of a CA run's report; the last line is the one-line result scripts compare.</summary>
internal static class CaReport
{
    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Progress(TimeSpan elapsed, IssuanceTracker tracker, double issuedPerSecond) => string.Create(Invariant,
        $"  +{elapsed.TotalSeconds,5:F1} s  published {tracker.Published,6}  issued {tracker.Issued,6} ({issuedPerSecond,5:F0}/s)  failed {tracker.Failures}  rejected {tracker.Rejected}");

    public static void WriteDetails(TextWriter output, BenchOptions options, CaRunResult result, IssuanceTracker tracker)
    {
        var latency = result.Latency;
        output.WriteLine(string.Create(Invariant,
            $"published {tracker.Published} IssueCertificate in {result.PublishTime.TotalSeconds:F1} s ({tracker.Published / result.PublishTime.TotalSeconds:F0}/s)"));
        if (result.Pacing is { } pacing)
            output.WriteLine(string.Create(Invariant,
                $"pacing at {options.Rate:G}/s: {pacing.Late} publishes started more than {PacedPublisher.LateThreshold.TotalMilliseconds:F0} ms behind schedule (max {pacing.MaxLag.TotalMilliseconds:F0} ms), {pacing.CapWaits} waited for one of the {options.Concurrency} in-flight slots; latency counts from the scheduled moment"));
        output.WriteLine(string.Create(Invariant,
            $"issued {result.Issued} of {options.Count} in {result.Span.TotalSeconds:F1} s = {result.CertificatesPerSecond:F1} certs/s; duplicate CertificateIssued {tracker.Duplicates}, CertificateIssuanceFailed {tracker.Failures}, IssueCertificateRejected {tracker.Rejected}"));
        output.WriteLine(string.Create(Invariant,
            $"latency publish -> CertificateIssued (ms): min {latency.Min:F0}, p50 {latency.At(50):F0}, p90 {latency.At(90):F0}, p99 {latency.At(99):F0}, max {latency.Max:F0}, mean {latency.Mean:F0}"));
        foreach (var (reason, times) in tracker.FailureReasons.OrderByDescending(r => r.Value).Take(5))
            output.WriteLine($"  failure x{times}: {reason}");
        foreach (var (error, times) in tracker.RejectionErrors.OrderByDescending(r => r.Value).Take(5))
            output.WriteLine($"  rejection x{times}: {error}");
        if (!result.Complete)
            output.WriteLine(string.Create(Invariant,
                $"MISSING: {result.Missing} of {options.Count} certificates got no CertificateIssued within {options.IssueTimeout.TotalSeconds:F0} s"));
    }

    public static string Cleanup(string runId, int deleted, int count, TimeSpan elapsed) => string.Create(Invariant,
        $"cleanup: Trigger deleted {deleted} of {count} certificates in namespace {runId} in {elapsed.TotalSeconds:F1} s; Issuing removes their requests and Secrets after that");

    public static string Kept(string runId, int issued) =>
        $"left {issued} certificates in namespace {runId} (--cleanup deletes them after a run)";

    public static string LastLine(BenchOptions options, CaRunResult result, BaselineResult? baseline)
    {
        if (options.Rate is { } rate)
            return PacedLastLine(options, rate, result);
        if (!result.Complete)
            return string.Create(Invariant,
                $"ca-issuer: FAILED, {result.Missing} of {options.Count} certs not issued within {options.IssueTimeout.TotalSeconds:F0} s ({result.Issued} issued at {result.CertificatesPerSecond:F1} certs/s)");
        var bus = baseline is null ? "not measured" : string.Create(Invariant, $"{baseline.ConsumedPerSecond:F0} msg/s");
        return string.Create(Invariant,
            $"ca-issuer: {result.Issued} certs in {result.Span.TotalSeconds:F1} s = {result.CertificatesPerSecond:F1} certs/s, p50 {result.Latency.At(50):F0} ms, p99 {result.Latency.At(99):F0} ms, bus baseline {bus}");
    }

    /// <summary><c>ca-issuer paced: 5000 certs at 200/s offered, 199.6/s issued, p50 41 ms, p99 380 ms, max 912 ms</c></summary>
    static string PacedLastLine(BenchOptions options, double rate, CaRunResult result) => result.Complete
        ? string.Create(Invariant,
            $"ca-issuer paced: {result.Issued} certs at {rate:G}/s offered, {result.IssuedRate:F1}/s issued, p50 {result.Latency.At(50):F0} ms, p99 {result.Latency.At(99):F0} ms, max {result.Latency.Max:F0} ms")
        : string.Create(Invariant,
            $"ca-issuer paced: FAILED, {result.Missing} of {options.Count} certs at {rate:G}/s offered not issued within {options.IssueTimeout.TotalSeconds:F0} s ({result.Issued} issued at {result.IssuedRate:F1}/s)");
}
