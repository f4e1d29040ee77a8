using CertMesh.Contracts;
using CertMesh.Domain.Policies;
using CertMesh.Domain.Resources;
using CertMesh.Domain.Validation;

namespace CertMesh.Domain.Renewal;

/// <summary>
/// Key rotation for certificates whose requester keeps the key (issued from a supplied CSR). CertMesh cannot make
/// a new key it does not hold, so with <c>rotationPolicy: Always</c> it asks the owner for a CSR from a new key
/// (<see cref="CertificateRenewalRequested"/>) instead of signing the old request again. Unset means <c>Never</c>
/// here: such certificates were always renewed by re-signing their CSR, and an owner that never learnt to answer
/// must not see its certificate expire because of a default.
/// </summary>
public static class CsrRotation
{
    /// <summary>The Issuing condition's reason while the owner has not answered.</summary>
    public const string WaitingReason = "WaitingForNewCsr";

    /// <summary>The rotation policy in force for a CSR-mode certificate.</summary>
    public static string Policy(CertificateSpec spec) => spec.PrivateKey?.RotationPolicy ?? RotationPolicies.Never;

    /// <summary>
    /// Whether a new revision for <paramref name="reason"/> needs a new key from the owner: only for the reasons that
    /// come from time or a person (renewal due, expired, <c>renew</c>), and only when the stored CSR is already the
    /// one the current certificate was issued from. A CSR the owner has just sent is signed whatever the reason.
    /// </summary>
    public static bool NeedsNewKey(Certificate certificate, string reason) =>
        certificate.SuppliedCsr is { } csr
        && Policy(certificate.Spec) == RotationPolicies.Always
        && reason is PolicyReasons.Renewing or PolicyReasons.Expired or PolicyReasons.ManuallyTriggered
        && certificate.Status.IssuedSpecHash == SpecHash.Compute(certificate.Spec, csr);

    /// <summary>
    /// An answer to a renewal request that carries the key already certified is refused: with <c>Always</c> the
    /// point of asking was a new key. Other CSR changes (new names, or no request outstanding) are left to validation.
    /// </summary>
    public static FieldError? RefuseOldKey(Certificate current, IssueCertificate command)
    {
        if (current.Status.CsrRequest is null || command.Csr is not { } answer || current.SuppliedCsr is not { } previous
            || answer == previous || Policy(command.Spec) != RotationPolicies.Always)
            return null;
        if (!CsrInfo.TryParse(answer, out var next, out _) || !CsrInfo.TryParse(previous, out var old, out _))
            return null; // validation has already named a malformed CSR
        return PublicKeys.Match(next!.PublicKey, old!.PublicKey)
            ? new FieldError("csr",
                $"the csr carries the public key already certified (revision {current.Status.Revision}); spec.privateKey.rotationPolicy Always asked for a CSR from a new key")
            : null;
    }
}
