namespace CertMesh.Api.Manifests;

/// <summary>
/// The expected shape of a YAML value, as a CRD's OpenAPI schema states it. Binding a YAML node against
/// a shape yields JSON with proper types and names every misplaced or unknown field by its path.
/// </summary>
internal abstract record Shape
{
    public static readonly Shape String = new ScalarShape(ScalarKind.String);
    public static readonly Shape Integer = new ScalarShape(ScalarKind.Integer);
    public static readonly Shape Boolean = new ScalarShape(ScalarKind.Boolean);
    public static readonly Shape StringList = new ListShape(String);
    public static readonly Shape StringMap = new MapShape(String);
    /// <summary>Any mapping, kept verbatim (the <c>vault</c> issuer block, the ACME solvers CertMesh does not act on).</summary>
    public static readonly Shape VerbatimObject = new VerbatimObjectShape();
    /// <summary>Any value at all, kept verbatim (<c>apiextensionsv1.JSON</c> fields such as a webhook solver's <c>config</c>).</summary>
    public static readonly Shape Verbatim = new VerbatimShape();

    public static Shape ListOf(Shape item) => new ListShape(item);

    /// <summary>A mapping with exactly these fields (strict: any other field is an error).</summary>
    public static Shape Object(params (string Name, Shape Shape)[] fields) =>
        new ObjectShape(fields.ToDictionary(f => f.Name, f => f.Shape, StringComparer.Ordinal), AllowUnknown: false);

    /// <summary>A mapping whose other fields are dropped without complaint (metadata's server-set fields).</summary>
    public static Shape LenientObject(params (string Name, Shape Shape)[] fields) =>
        new ObjectShape(fields.ToDictionary(f => f.Name, f => f.Shape, StringComparer.Ordinal), AllowUnknown: true);
}

internal enum ScalarKind { String, Integer, Boolean }

internal sealed record ScalarShape(ScalarKind Kind) : Shape;

internal sealed record ListShape(Shape Item) : Shape;

internal sealed record MapShape(Shape Value) : Shape;

internal sealed record ObjectShape(IReadOnlyDictionary<string, Shape> Fields, bool AllowUnknown) : Shape;

internal sealed record VerbatimObjectShape : Shape;

internal sealed record VerbatimShape : Shape;
