using System.Globalization;
using System.Text.Json.Nodes;
using CertMesh.Domain.Validation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CertMesh.Api.Manifests;

/// <summary>
/// Binds a YAML node to a <see cref="Shape"/>: returns the value as typed JSON and reports every field of
/// the wrong type or unknown to the schema, named by its path (kubectl strict decoding). A plain scalar in a
/// string field keeps its text, so <c>commonName: 1234</c> is the string "1234"; a null is an absent field.
/// </summary>
/// <remarks>
/// Input reaches here already bounded (<see cref="YamlDocuments"/> checks <see cref="YamlLimits"/> on the event stream);
/// the depth and value budgets below are a second fence of the same size, never the first. At most
/// <see cref="FieldErrors.MaxReported"/> errors are kept (the rest counted in <see cref="Omitted"/>), and a field path
/// names a long key by its prefix and stops growing at <see cref="MaxPathLength"/>.
/// </remarks>
internal sealed class ShapeBinder(List<(string Field, string Message)> errors)
{
    private const int MaxDepth = YamlLimits.MaxDepth;
    /// <summary>Aliases can make a small document expand enormously ("billion laughs"); stop well before that.</summary>
    private const int MaxValues = YamlLimits.MaxNodes;
    private const int MaxPathLength = 256;
    private int values;

    /// <summary>Errors found but not kept.</summary>
    public int Omitted { get; private set; }

    public JsonNode? Bind(YamlNode node, Shape shape, string path) => Bind(node, shape, path, 0);

    /// <summary><paramref name="path"/> extended by a field or an entry (<c>.key</c>, <c>[key]</c>, <c>[3]</c>), bounded.</summary>
    private static string Child(string path, string prefix, string key, string suffix = "")
    {
        if (path.Length >= MaxPathLength)
            return path.EndsWith("...", StringComparison.Ordinal) ? path : path + "...";
        return $"{path}{(path.Length == 0 && prefix == "." ? "" : prefix)}{ValueExcerpt.Short(key)}{suffix}";
    }

    private bool OverBudget(string path)
    {
        if (++values == MaxValues + 1) Fail(path, $"too large: more than {MaxValues} values once aliases are expanded");
        return values > MaxValues;
    }

    private JsonNode? Bind(YamlNode node, Shape shape, string path, int depth)
    {
        if (OverBudget(path)) return null;
        if (depth > MaxDepth) return Fail(path, "nested too deeply");
        if (node is YamlScalarNode { Style: ScalarStyle.Plain } plain && YamlScalars.IsNull(plain.Value ?? ""))
            return null;
        return shape switch
        {
            ScalarShape s => BindScalar(node, s.Kind, path),
            ListShape l => BindList(node, l, path, depth),
            MapShape m => BindMap(node, m, path, depth),
            ObjectShape o => BindObject(node, o, path, depth),
            VerbatimObjectShape => node is YamlMappingNode ? Verbatim(node, path, depth) : Fail(path, "expected an object"),
            VerbatimShape => Verbatim(node, path, depth),
            _ => throw new InvalidOperationException($"unknown shape {shape}"),
        };
    }

    private JsonNode? BindScalar(YamlNode node, ScalarKind kind, string path)
    {
        var scalar = node as YamlScalarNode;
        var text = scalar?.Value ?? "";
        var isPlain = scalar?.Style is ScalarStyle.Plain;
        switch (kind)
        {
            case ScalarKind.String when scalar is not null:
                return JsonValue.Create(text);
            case ScalarKind.Integer when isPlain && YamlScalars.TryInteger(text, out var l):
                return l is >= int.MinValue and <= int.MaxValue ? JsonValue.Create((int)l) : Fail(path, "integer out of range");
            case ScalarKind.Boolean when isPlain && YamlScalars.TryBoolean(text, out var b):
                return JsonValue.Create(b);
            default:
                return Fail(path, kind switch
                {
                    ScalarKind.String => "expected a string",
                    ScalarKind.Integer => "expected an integer",
                    _ => "expected a boolean (true or false)",
                });
        }
    }

    private JsonNode? BindList(YamlNode node, ListShape shape, string path, int depth)
    {
        if (node is not YamlSequenceNode sequence) return Fail(path, "expected a list");
        var array = new JsonArray();
        var index = 0;
        foreach (var item in sequence)
        {
            var itemPath = Child(path, "[", (index++).ToString(CultureInfo.InvariantCulture), "]");
            if (item is YamlScalarNode { Style: ScalarStyle.Plain } s && YamlScalars.IsNull(s.Value ?? ""))
                Fail(itemPath, "must not be null");
            else
                array.Add(Bind(item, shape.Item, itemPath, depth + 1));
        }
        return array;
    }

    private JsonNode? BindMap(YamlNode node, MapShape shape, string path, int depth)
    {
        if (node is not YamlMappingNode mapping) return Fail(path, "expected a map");
        var result = new JsonObject();
        foreach (var (keyNode, valueNode) in mapping)
        {
            if (Key(keyNode, path) is not { } key) continue;
            var value = Bind(valueNode, shape.Value, Child(path, "[", key, "]"), depth + 1);
            if (value is not null) result[key] = value;
        }
        return result;
    }

    private JsonNode? BindObject(YamlNode node, ObjectShape shape, string path, int depth)
    {
        if (node is not YamlMappingNode mapping) return Fail(path, "expected an object");
        var result = new JsonObject();
        foreach (var (keyNode, valueNode) in mapping)
        {
            if (Key(keyNode, path) is not { } key) continue;
            var fieldPath = Child(path, ".", key);
            if (!shape.Fields.TryGetValue(key, out var fieldShape))
            {
                if (!shape.AllowUnknown) Fail(fieldPath, "unknown field");
                continue;
            }
            var value = Bind(valueNode, fieldShape, fieldPath, depth + 1);
            if (value is not null) result[key] = value;
        }
        return result;
    }

    private JsonNode? Verbatim(YamlNode node, string path, int depth)
    {
        if (OverBudget(path)) return null;
        if (depth > MaxDepth) return Fail(path, "nested too deeply");
        switch (node)
        {
            case YamlScalarNode scalar:
                return scalar.Style is ScalarStyle.Plain ? YamlScalars.Resolve(scalar.Value ?? "") : JsonValue.Create(scalar.Value ?? "");
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                var index = 0;
                foreach (var item in sequence) array.Add(Verbatim(item, Child(path, "[", (index++).ToString(CultureInfo.InvariantCulture), "]"), depth + 1));
                return array;
            case YamlMappingNode mapping:
                var result = new JsonObject();
                foreach (var (keyNode, valueNode) in mapping)
                    if (Key(keyNode, path) is { } key) result[key] = Verbatim(valueNode, Child(path, ".", key), depth + 1);
                return result;
            default:
                return Fail(path, "unsupported YAML node");
        }
    }

    private string? Key(YamlNode keyNode, string path)
    {
        if (keyNode is YamlScalarNode { Value: { } key }) return key;
        Fail(path, "mapping keys must be strings");
        return null;
    }

    private JsonNode? Fail(string path, string message)
    {
        if (errors.Count < FieldErrors.MaxReported)
            errors.Add((path, message));
        else
            Omitted++;
        return null;
    }
}
