using System.Text.RegularExpressions;
using CertMesh.Integration.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace CertMesh.Integration.Tests.Observability;

/// <summary>
/// One trace per issuance across every service: a Certificate applied through the Api and issued by Pebble over DNS-01
/// (RFC 2136 to BIND) leaves spans from every service of the path under the one trace id <c>certmesh status</c> shows,
/// joined into one tree (the outbox and the challenge queue carry the context across their commits), and log lines
/// with that id. The spans come from each service's own OTLP exporter, to the suite's receiver.
/// </summary>
[Collection(StackCollection.Name)]
public sealed partial class IssuanceTraceTests(StackFixture stack, ITestOutputHelper output)
{
    const string Namespace = "it-trace";
    const string Name = "traced";

    static readonly string[] IssuancePath =
        ["certmesh-api", "certmesh-trigger", "certmesh-keymanager", "certmesh-issuing", "certmesh-acmeorder", "certmesh-challengesolver", "certmesh-dnswebhook"];

    [Fact]
    public async Task Issue_AcmeDns01ThroughTheApi_OneTraceSpansEveryServiceAndTheirLogs()
    {
        await DnsIssuers.ApplyAsync(stack);
        var dnsName = $"{$"t{Guid.NewGuid():N}"[..12]}.example.test";

        await stack.ApplyAsync($"""
            apiVersion: cert-manager.io/v1
            kind: Certificate
            metadata:
              name: {Name}
              namespace: {Namespace}
            spec:
              secretName: {Name}-tls
              dnsNames: [{dnsName}]
              issuerRef:
                name: {DnsIssuers.Rfc2136}
                kind: ClusterIssuer
            """);
        await stack.WaitForIssuedAsync(Namespace, Name, timeout: TimeSpan.FromSeconds(120));

        var status = await CliRunner.RunAsync(stack, "status", "certificate", Name, "-n", Namespace);
        var shown = TraceIdLine().Match(status);
        Assert.True(shown.Success, $"no Trace ID line in:\n{status}");
        var traceId = shown.Groups[1].Value;

        var spans = await WaitForConnectedTraceAsync(traceId);
        foreach (var service in spans.GroupBy(s => s.Service).OrderBy(g => g.Key, StringComparer.Ordinal))
            output.WriteLine($"{service.Key}: {service.Count()} spans ({string.Join(", ", service.Select(s => s.Name).Distinct().Take(8))})");
        Assert.Equal(0, stack.Traces.Rejected);
        // One root, the Api's request (nothing upstream of the test's HTTP call): every hop after it joined the trace.
        var root = Assert.Single(spans, s => s.ParentId is null);
        Assert.Equal("certmesh-api", root.Service);

        var logged = LogLinesWith(traceId);
        output.WriteLine($"{logged.Count} log lines carry {traceId}, e.g. {logged.FirstOrDefault()}");
        Assert.NotEmpty(logged);
        Assert.All(logged, line => Assert.Contains($"TraceId:{traceId}", line));
    }

    /// <summary>
    /// Waits until the trace has spans from every service of the path and every span's parent arrived too (spans are
    /// exported in batches, each service on its own clock), then returns its spans.
    /// </summary>
    async Task<IReadOnlyList<ReceivedSpan>> WaitForConnectedTraceAsync(string traceId)
    {
        IReadOnlyList<ReceivedSpan> spans = [];
        bool Complete()
        {
            spans = stack.Traces.Trace(traceId);
            var ids = spans.Select(s => s.SpanId).ToHashSet();
            return IssuancePath.All(service => spans.Any(s => s.Service == service))
                && spans.All(s => s.ParentId is null || ids.Contains(s.ParentId));
        }
        try
        {
            await Eventually.UntilAsync(() => Task.FromResult(Complete()), done => done, $"a connected trace {traceId} across every service", TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            var ids = spans.Select(s => s.SpanId).ToHashSet();
            Assert.Fail($"""
                trace {traceId}: services {string.Join(", ", spans.Select(s => s.Service).Distinct())} (expected {string.Join(", ", IssuancePath)});
                spans whose parent never arrived: {string.Join(", ", spans.Where(s => s.ParentId is not null && !ids.Contains(s.ParentId)).Select(s => $"{s.Service}/{s.Name}"))}
                """);
        }
        return spans;
    }

    /// <summary>Every service's log lines naming the trace (the files are still being written: shared read).</summary>
    List<string> LogLinesWith(string traceId)
    {
        var lines = new List<string>();
        foreach (var path in Directory.GetFiles(stack.LogDirectory, "*.log"))
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } line)
                if (line.Contains(traceId, StringComparison.Ordinal))
                    lines.Add($"{Path.GetFileNameWithoutExtension(path)}: {line}");
        }
        return lines;
    }

    [GeneratedRegex("Trace ID: ([0-9a-f]{32})")]
    private static partial Regex TraceIdLine();
}
