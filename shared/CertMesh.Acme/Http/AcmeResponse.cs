using System.Net;

namespace CertMesh.Acme.Http;

/// <summary>The parts of a successful ACME response the client uses; the HTTP message itself is already disposed.</summary>
internal sealed record AcmeResponse(
    HttpStatusCode StatusCode,
    byte[] Body,
    string? ContentType,
    Uri? Location,
    TimeSpan? RetryAfter,
    IReadOnlyList<LinkHeader> Links);
