using System.Globalization;

namespace CertMesh.Bench.Baseline;

/// <summary>The raw bus rate: <c>Messages</c> published and consumed; times count from the first measured publish.</summary>
internal sealed record BaselineResult(int Messages, int Concurrency, TimeSpan PublishTime, TimeSpan ConsumeTime)
{
    public double PublishedPerSecond => Messages / PublishTime.TotalSeconds;
    public double ConsumedPerSecond => Messages / ConsumeTime.TotalSeconds;

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"bus baseline: {Messages} messages, {Concurrency} publishes in flight: published in {PublishTime.TotalSeconds:F1} s ({PublishedPerSecond:F0}/s), all consumed after {ConsumeTime.TotalSeconds:F1} s = {ConsumedPerSecond:F0} msg/s");
}
