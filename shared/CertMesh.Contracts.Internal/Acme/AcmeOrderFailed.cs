namespace CertMesh.Contracts.Acme;

/// <summary>
/// The order ended invalid or could not be made. <c>Message</c> carries the CA's own detail. It is not retried
/// by AcmeOrder: the certificate's back-off decides when the next revision tries again.
/// </summary>
public sealed record AcmeOrderFailed
{
    public Guid IssuanceId { get; init; }
    public string Namespace { get; init; } = "";
    public string OrderName { get; init; } = "";
    public string Reason { get; init; } = "";
    public string Message { get; init; } = "";
}
