namespace CertMesh.Contracts;

/// <summary>
/// Answer to <see cref="RenewCertificate"/> or <see cref="DeleteCertificate"/> whose sender may not do that in the
/// namespace (its RabbitMQ user, as the broker verified it, is bound to no role that allows it, or the message carried
/// no <c>user_id</c>). Nothing was changed. A refused <see cref="IssueCertificate"/> is answered with
/// <see cref="IssueCertificateRejected"/> instead, whose Forbidden error names <c>metadata.namespace</c>.
/// </summary>
public sealed record CommandForbidden
{
    public string Namespace { get; init; } = "";
    public string Name { get; init; } = "";
    public string Message { get; init; } = "";
}
