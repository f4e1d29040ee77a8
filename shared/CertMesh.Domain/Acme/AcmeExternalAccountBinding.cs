namespace CertMesh.Domain.Acme;

/// <summary>
/// <c>spec.acme.externalAccountBinding</c>: the key id the CA handed out and where its MAC key lives (a Secret in
/// the issuer's namespace; the value is base64url text, as cert-manager stores it). Only the reference is here.
/// </summary>
public sealed record AcmeExternalAccountBinding
{
    public string KeyId { get; init; } = "";
    public string KeySecretName { get; init; } = "";
    public string KeySecretKey { get; init; } = "";

    /// <summary>Deprecated in cert-manager (the CA decides); kept so it can be reported, HS256 is always used.</summary>
    public string? KeyAlgorithm { get; init; }
}
