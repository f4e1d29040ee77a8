namespace CertMesh.Acme.Certificates;

/// <summary>CRL reason codes (RFC 5280 section 5.3.1) that ACME revocation accepts.</summary>
public enum RevocationReason
{
    Unspecified = 0,
    KeyCompromise = 1,
    AffiliationChanged = 3,
    Superseded = 4,
    CessationOfOperation = 5,
}
