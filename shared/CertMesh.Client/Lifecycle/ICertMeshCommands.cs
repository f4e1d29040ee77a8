using CertMesh.Contracts;

namespace CertMesh.Client.Lifecycle;

/// <summary>The two commands the client sends CertMesh (over the bus in production, a fake in tests).</summary>
internal interface ICertMeshCommands
{
    /// <summary>Sends <see cref="IssueCertificate"/> and waits for CertMesh's answer.</summary>
    /// <exception cref="TimeoutException">CertMesh did not answer in time.</exception>
    Task<IssueOutcome> IssueAsync(IssueCertificate command, CancellationToken cancellationToken);

    /// <summary>Asks for a new revision now (<see cref="RenewCertificate"/>).</summary>
    Task RenewAsync(string @namespace, string name, CancellationToken cancellationToken);
}

/// <summary>CertMesh's answer to an <see cref="IssueCertificate"/>: accepted (and whether a revision is on its way)
/// or rejected with every field error.</summary>
internal sealed record IssueOutcome(bool Accepted, bool IssuanceStarted, IReadOnlyList<FieldError> Errors)
{
    public static IssueOutcome From(IssueCertificateAccepted accepted) => new(true, accepted.IssuanceStarted, []);

    public static IssueOutcome From(IssueCertificateRejected rejected) => new(false, false, rejected.Errors);
}
