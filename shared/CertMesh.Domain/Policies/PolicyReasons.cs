namespace CertMesh.Domain.Policies;

/// <summary>Why a certificate is (re-)issued: cert-manager's reason strings, shown in the Ready/Issuing conditions.</summary>
public static class PolicyReasons
{
    public const string DoesNotExist = "DoesNotExist";
    public const string MissingData = "MissingData";
    public const string InvalidKeyPair = "InvalidKeyPair";
    public const string IncorrectIssuer = "IncorrectIssuer";
    public const string SecretMismatch = "SecretMismatch";
    public const string RequestChanged = "RequestChanged";
    public const string Renewing = "Renewing";
    public const string Expired = "Expired";
    /// <summary>A <c>RenewCertificate</c> command (cmctl renew); not produced by the chain.</summary>
    public const string ManuallyTriggered = "ManuallyTriggered";
}
