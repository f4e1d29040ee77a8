using CertMesh.Api.Limits;

namespace CertMesh.Api.Manifests;

/// <summary>
/// What one manifest may hold, checked on YamlDotNet's event stream (iterative) before any node tree is built, so a
/// 20,000-deep flow mapping or a billion-laughs document is refused in milliseconds. Errors name the limit.
/// </summary>
internal static class YamlLimits
{
    /// <summary>Mappings and sequences inside each other (a cert-manager resource needs about 10; the vault and webhook
    /// <c>config</c> blocks kept verbatim get the rest), aliases counted as the nodes they stand for.</summary>
    public const int MaxDepth = 64;

    /// <summary>Documents in one request; the items of a <c>v1 List</c> count as documents too.</summary>
    public const int MaxDocuments = 500;

    /// <summary>Nodes (mappings, sequences, scalars) once aliases are expanded: a 3 MiB manifest of Certificates has a
    /// few tens of thousands.</summary>
    public const int MaxNodes = 100_000;

    /// <summary>Text of all scalars once aliases are expanded, in UTF-8 bytes: never more than the body itself may hold.</summary>
    public const long MaxExpandedBytes = RequestBodyLimit.MaxRequestBodyBytes;

    /// <summary>One scalar, in UTF-8 bytes: room for a Secret's largest value (1 MiB of data, base64-encoded).</summary>
    public const int MaxScalarBytes = 1536 * 1024;
}
