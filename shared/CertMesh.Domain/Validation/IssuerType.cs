namespace CertMesh.Domain.Validation;

/// <summary>Which signer an issuer is; <c>External</c> is any <c>issuerRef.group</c> other than cert-manager.io.</summary>
public enum IssuerType
{
    SelfSigned,
    Ca,
    Acme,
    Vault,
    External,
}
