namespace CertMesh.Contracts;

/// <summary>Issue a new revision now, as <c>cmctl renew</c> does.</summary>
public sealed record RenewCertificate
{
    public string Namespace { get; init; } = "default";
    public string Name { get; init; } = "";
}
