namespace CertMesh.Acme.Http;

/// <summary>
/// Told of every HTTP exchange with the CA, each badNonce retry and nonce fetch included (cert-manager instruments its
/// ACME client at the transport for the same reason: no request goes uncounted). Called on the request's own path,
/// so it must be quick and must not throw.
/// </summary>
public interface IAcmeRequestObserver
{
    void Observe(AcmeExchange exchange);
}

/// <param name="Action">One of <see cref="AcmeActions"/>.</param>
/// <param name="StatusCode">The HTTP status, or null when no response came (connection refused, TLS failure, timeout).</param>
/// <param name="Duration">From sending the request to reading the whole response body (or the failure).</param>
public readonly record struct AcmeExchange(string Action, HttpMethod Method, Uri Url, int? StatusCode, TimeSpan Duration);
