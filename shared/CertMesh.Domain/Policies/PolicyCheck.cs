namespace CertMesh.Domain.Policies;

/// <summary>One re-issue condition; null when it does not apply.</summary>
public delegate PolicyViolation? PolicyCheck(PolicyInput input);
