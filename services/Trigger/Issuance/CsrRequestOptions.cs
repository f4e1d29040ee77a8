using CertMesh.Domain.Renewal;

namespace CertMesh.Trigger.Issuance;

/// <summary>
/// How often the owner of a CSR-mode certificate is asked again for a CSR from a new key while it does not answer:
/// <c>CERTMESH_CSR_REQUEST_BACKOFF_SECONDS</c> after the first request (default 60), doubling up to
/// <c>CERTMESH_CSR_REQUEST_BACKOFF_MAX_SECONDS</c> (default 3600). An owner that is down for a while is not flooded,
/// and one that comes back within the hour hears again soon.
/// </summary>
internal sealed record CsrRequestOptions(Backoff Backoff)
{
    public static CsrRequestOptions From(IConfiguration configuration) => new(new Backoff(new BackoffOptions(
        TimeSpan.FromSeconds(configuration.GetValue("CERTMESH_CSR_REQUEST_BACKOFF_SECONDS", 60.0)),
        TimeSpan.FromSeconds(configuration.GetValue("CERTMESH_CSR_REQUEST_BACKOFF_MAX_SECONDS", 3600.0)))));
}
