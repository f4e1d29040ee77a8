using CertMesh.Contracts;

namespace CertMesh.Trigger.Admission;

/// <summary>Either the field errors that rejected the command, or the stored certificate's identity.</summary>
internal sealed record AdmissionResult(IReadOnlyList<FieldError> Errors, IssueCertificateAccepted? Accepted)
{
    public bool Rejected => Errors.Count > 0;

    public static AdmissionResult Reject(IReadOnlyList<FieldError> errors) => new(errors, null);

    public static AdmissionResult Accept(IssueCertificateAccepted accepted) => new([], accepted);
}
