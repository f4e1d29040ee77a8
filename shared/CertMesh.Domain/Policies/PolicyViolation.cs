namespace CertMesh.Domain.Policies;

/// <summary>The certificate must be (re-)issued; <c>Reason</c> is one of <see cref="PolicyReasons"/>.</summary>
public sealed record PolicyViolation(string Reason, string Message);
