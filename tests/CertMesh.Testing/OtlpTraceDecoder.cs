using System.Text;

namespace CertMesh.Testing;

/// <summary>One span as an OTLP exporter sent it: the service that made it, its ids (hex) and its name.</summary>
public sealed record ReceivedSpan(string Service, string TraceId, string SpanId, string? ParentId, string Name);

/// <summary>
/// Reads an OTLP <c>ExportTraceServiceRequest</c> (protobuf) with a hand-written wire-format reader, for the few fields
/// a test asks about: ResourceSpans{1: Resource{1: KeyValue{1: key, 2: AnyValue{1: string_value}}}, 2: ScopeSpans{2: Span}},
/// Span{1: trace_id, 2: span_id, 4: parent_span_id, 5: name}. Every other field is skipped by its wire type.
/// </summary>
public static class OtlpTraceDecoder
{
    public static List<ReceivedSpan> Decode(ReadOnlySpan<byte> request)
    {
        var spans = new List<ReceivedSpan>();
        var reader = new ProtoReader(request);
        while (reader.Next(out var field, out var wireType))
        {
            if (field == 1 && wireType == ProtoReader.LengthDelimited)
                ReadResourceSpans(reader.Bytes(), spans);
            else
                reader.Skip(wireType);
        }
        return spans;
    }

    static void ReadResourceSpans(ReadOnlySpan<byte> resourceSpans, List<ReceivedSpan> into)
    {
        // The resource may follow its spans on the wire: spans are collected first and named at the end.
        var service = "";
        var first = into.Count;
        var reader = new ProtoReader(resourceSpans);
        while (reader.Next(out var field, out var wireType))
        {
            if (field == 1 && wireType == ProtoReader.LengthDelimited)
                service = ServiceName(reader.Bytes()) ?? service;
            else if (field == 2 && wireType == ProtoReader.LengthDelimited)
                ReadScopeSpans(reader.Bytes(), into);
            else
                reader.Skip(wireType);
        }
        for (var i = first; i < into.Count; i++)
            into[i] = into[i] with { Service = service };
    }

    static string? ServiceName(ReadOnlySpan<byte> resource)
    {
        var reader = new ProtoReader(resource);
        string? name = null;
        while (reader.Next(out var field, out var wireType))
        {
            if (field == 1 && wireType == ProtoReader.LengthDelimited)
            {
                var (key, value) = ReadKeyValue(reader.Bytes());
                if (key == "service.name")
                    name = value;
            }
            else
                reader.Skip(wireType);
        }
        return name;
    }

    static (string Key, string? Value) ReadKeyValue(ReadOnlySpan<byte> keyValue)
    {
        var reader = new ProtoReader(keyValue);
        string key = "";
        string? value = null;
        while (reader.Next(out var field, out var wireType))
        {
            if (field == 1 && wireType == ProtoReader.LengthDelimited)
                key = Encoding.UTF8.GetString(reader.Bytes());
            else if (field == 2 && wireType == ProtoReader.LengthDelimited)
                value = StringValue(reader.Bytes());
            else
                reader.Skip(wireType);
        }
        return (key, value);
    }

    static string? StringValue(ReadOnlySpan<byte> anyValue)
    {
        var reader = new ProtoReader(anyValue);
        string? value = null;
        while (reader.Next(out var field, out var wireType))
        {
            if (field == 1 && wireType == ProtoReader.LengthDelimited)
                value = Encoding.UTF8.GetString(reader.Bytes());
            else
                reader.Skip(wireType);
        }
        return value;
    }

    static void ReadScopeSpans(ReadOnlySpan<byte> scopeSpans, List<ReceivedSpan> into)
    {
        var reader = new ProtoReader(scopeSpans);
        while (reader.Next(out var field, out var wireType))
        {
            if (field == 2 && wireType == ProtoReader.LengthDelimited)
                into.Add(ReadSpan(reader.Bytes()));
            else
                reader.Skip(wireType);
        }
    }

    static ReceivedSpan ReadSpan(ReadOnlySpan<byte> span)
    {
        var reader = new ProtoReader(span);
        string traceId = "", spanId = "", name = "";
        string? parentId = null;
        while (reader.Next(out var field, out var wireType))
        {
            if (wireType != ProtoReader.LengthDelimited)
            {
                reader.Skip(wireType);
                continue;
            }
            var bytes = reader.Bytes();
            switch (field)
            {
                case 1: traceId = Convert.ToHexStringLower(bytes); break;
                case 2: spanId = Convert.ToHexStringLower(bytes); break;
                // A root span has no parent: the field is absent, or (some exporters) empty.
                case 4: parentId = bytes.IsEmpty ? null : Convert.ToHexStringLower(bytes); break;
                case 5: name = Encoding.UTF8.GetString(bytes); break;
            }
        }
        return new ReceivedSpan("", traceId, spanId, parentId, name);
    }
}
