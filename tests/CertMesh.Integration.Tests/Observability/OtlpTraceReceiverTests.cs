using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Xunit;

namespace CertMesh.Integration.Tests.Observability;

/// <summary>
/// The suite's OTLP receiver reads what the real OpenTelemetry exporter sends (OTLP/HTTP protobuf), as the services
/// send it: service name, trace, span and parent ids, span names. Needs no server, only a loopback port.
/// </summary>
public sealed class OtlpTraceReceiverTests
{
    [Fact]
    public async Task Receive_SpansFromTheRealOtlpExporter_DecodesServiceIdsParentsAndNames()
    {
        await using var receiver = await OtlpTraceReceiver.StartAsync();
        using var source = new ActivitySource("certmesh-receiver-test");
        string traceId, rootId, childId;
        using (var provider = Sdk.CreateTracerProviderBuilder()
                   .ConfigureResource(r => r.AddService("certmesh-test"))
                   .AddSource(source.Name)
                   .AddOtlpExporter(o =>
                   {
                       o.Endpoint = new Uri(receiver.Endpoint, "v1/traces");
                       o.Protocol = OtlpExportProtocol.HttpProtobuf;
                       o.ExportProcessorType = ExportProcessorType.Simple;
                   })
                   .Build())
        {
            using (var root = source.StartActivity("issue certificate", ActivityKind.Server, default(ActivityContext))!)
            {
                using var child = source.StartActivity("outbox publish", ActivityKind.Producer)!;
                child.SetTag("messaging.system", "rabbitmq");
                (traceId, rootId, childId) = (root.TraceId.ToHexString(), root.SpanId.ToHexString(), child.SpanId.ToHexString());
            }
            provider.ForceFlush();
        }

        var spans = await Eventually.UntilAsync(() => Task.FromResult(receiver.Trace(traceId)), found => found.Count == 2, "both spans", TimeSpan.FromSeconds(10));

        Assert.Equal(0, receiver.Rejected);
        Assert.Equal(
            [new ReceivedSpan("certmesh-test", traceId, rootId, null, "issue certificate"), new ReceivedSpan("certmesh-test", traceId, childId, rootId, "outbox publish")],
            spans.OrderBy(s => s.ParentId is not null).ToList());
    }
}
