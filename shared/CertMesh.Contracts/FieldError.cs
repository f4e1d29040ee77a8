namespace CertMesh.Contracts;

/// <summary>One invalid field, named by its path as in cert-manager (<c>spec.dnsNames[1]</c>), and why.</summary>
public sealed record FieldError(string Field, string Message);
