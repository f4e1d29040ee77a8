namespace CertMesh.Api.Manifests;

/// <summary>
/// The Kubernetes <c>v1 Secret</c> fields CertMesh stores: <c>type</c> (Opaque when omitted), <c>data</c> (base64 values)
/// and <c>stringData</c> (plain values, merged over data on write). Any other field is reported as unknown.
/// </summary>
internal static class SecretSchema
{
    public const string ApiVersion = "v1";

    public static readonly Shape Document = Shape.Object(
        ("apiVersion", Shape.String),
        ("kind", Shape.String),
        ("metadata", CertManagerSchema.Metadata),
        ("type", Shape.String),
        ("data", Shape.StringMap),
        ("stringData", Shape.StringMap));
}
