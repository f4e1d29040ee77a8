using System.Text;
using CertMesh.Domain.Validation;
using YamlDotNet.Core.Events;

namespace CertMesh.Api.Manifests;

/// <summary>
/// Watches a YAML event stream and says when it goes over a <see cref="YamlLimits"/> limit. Aliases are charged the size
/// of what they stand for (nodes, scalar bytes and depth of the anchored node, measured when it ended), so expansion is
/// bounded without ever expanding anything. Iterative: its own state is a stack as deep as the limit.
/// </summary>
internal sealed class YamlBudget
{
    private readonly Stack<Open> _open = new();
    private readonly Dictionary<string, Size?> _anchors = new(StringComparer.Ordinal);
    private long _nodes;
    private long _bytes;

    /// <summary>0-based index of the document being read, -1 before the first.</summary>
    public int DocumentIndex { get; private set; } = -1;

    /// <summary>The violated limit, described for the user, or null while within every limit.</summary>
    public string? Add(ParsingEvent parsingEvent) => parsingEvent switch
    {
        DocumentStart => StartDocument(),
        Scalar scalar => AddScalar(scalar),
        MappingStart or SequenceStart => StartCollection((NodeEvent)parsingEvent),
        MappingEnd or SequenceEnd => EndCollection(),
        AnchorAlias alias => AddAlias(alias),
        _ => null,
    };

    private string? StartDocument()
    {
        DocumentIndex++;
        // A document's anchors are its own (YAML 1.2, 9.1).
        _anchors.Clear();
        return DocumentIndex >= YamlLimits.MaxDocuments
            ? $"too many documents: more than {YamlLimits.MaxDocuments} in one request (limit {nameof(YamlLimits.MaxDocuments)}); apply them in several requests"
            : null;
    }

    private string? AddScalar(Scalar scalar)
    {
        var bytes = Encoding.UTF8.GetByteCount(scalar.Value);
        if (bytes > YamlLimits.MaxScalarBytes)
            return $"a scalar of {bytes} bytes at line {scalar.Start.Line} is larger than {YamlLimits.MaxScalarBytes} bytes (limit {nameof(YamlLimits.MaxScalarBytes)})";
        if (!scalar.Anchor.IsEmpty)
            _anchors[scalar.Anchor.Value] = new Size(1, bytes, 0);
        return Charge(1, bytes, _open.Count);
    }

    private string? StartCollection(NodeEvent start)
    {
        if (!start.Anchor.IsEmpty)
            _anchors[start.Anchor.Value] = null; // open: an alias to it now would be a cycle
        _open.Push(new Open(start.Anchor.IsEmpty ? null : start.Anchor.Value, _nodes, _bytes, _open.Count));
        if (_open.Count > YamlLimits.MaxDepth)
            return $"nested too deeply: more than {YamlLimits.MaxDepth} levels of mappings and sequences at line {start.Start.Line} (limit {nameof(YamlLimits.MaxDepth)})";
        return Charge(1, 0, _open.Count);
    }

    private string? EndCollection()
    {
        if (_open.Count == 0)
            return null; // the parser reports unbalanced input itself
        var closed = _open.Pop();
        if (closed.Anchor is not null)
            _anchors[closed.Anchor] = new Size(_nodes - closed.Nodes, _bytes - closed.Bytes, closed.Deepest - closed.Depth);
        if (_open.TryPeek(out var parent))
            parent.Deepest = Math.Max(parent.Deepest, closed.Deepest);
        return null;
    }

    private string? AddAlias(AnchorAlias alias)
    {
        var name = alias.Value.Value;
        if (!_anchors.TryGetValue(name, out var size))
            return null; // an unknown anchor: loading reports it as a syntax error
        if (size is null)
            return $"the alias *{ValueExcerpt.Short(name)} at line {alias.Start.Line} is inside the node it refers to, so it would expand without end (limit {nameof(YamlLimits.MaxNodes)})";
        return Charge(size.Nodes, size.Bytes, _open.Count + size.Height);
    }

    private string? Charge(long nodes, long bytes, int depth)
    {
        _nodes += nodes;
        _bytes += bytes;
        if (_open.TryPeek(out var current))
            current.Deepest = Math.Max(current.Deepest, depth);
        if (_nodes > YamlLimits.MaxNodes)
            return $"too many nodes: more than {YamlLimits.MaxNodes} mappings, sequences and scalars once aliases are expanded (limit {nameof(YamlLimits.MaxNodes)})";
        if (_bytes > YamlLimits.MaxExpandedBytes)
            return $"too large: more than {YamlLimits.MaxExpandedBytes} bytes of scalars once aliases are expanded (limit {nameof(YamlLimits.MaxExpandedBytes)})";
        if (depth > YamlLimits.MaxDepth)
            return $"nested too deeply: more than {YamlLimits.MaxDepth} levels of mappings and sequences once aliases are expanded (limit {nameof(YamlLimits.MaxDepth)})";
        return null;
    }

    /// <summary>What an anchored node stands for: its nodes, scalar bytes and levels of nesting (0 for a scalar).</summary>
    private sealed record Size(long Nodes, long Bytes, int Height);

    /// <summary>A mapping or sequence not yet ended: totals when it started, its depth, and the deepest level reached inside.</summary>
    private sealed class Open(string? anchor, long nodes, long bytes, int depthOutside)
    {
        public string? Anchor { get; } = anchor;
        public long Nodes { get; } = nodes;
        public long Bytes { get; } = bytes;
        public int Depth { get; } = depthOutside;
        public int Deepest { get; set; } = depthOutside + 1;
    }
}
