namespace CertMesh.Acme.Problems;

/// <summary>The RFC 8555 section 6.7 error types (full URNs), as named constants for comparisons.</summary>
public static class AcmeProblemTypes
{
    public const string Prefix = "urn:ietf:params:acme:error:";
    public const string AccountDoesNotExist = Prefix + "accountDoesNotExist";
    public const string AlreadyRevoked = Prefix + "alreadyRevoked";
    public const string BadNonce = Prefix + "badNonce";
    public const string ExternalAccountRequired = Prefix + "externalAccountRequired";
    public const string Malformed = Prefix + "malformed";
    public const string OrderNotReady = Prefix + "orderNotReady";
    public const string RateLimited = Prefix + "rateLimited";
    public const string RejectedIdentifier = Prefix + "rejectedIdentifier";
    public const string ServerInternal = Prefix + "serverInternal";
    public const string Unauthorized = Prefix + "unauthorized";
    public const string Connection = Prefix + "connection";
    public const string Dns = Prefix + "dns";
    public const string IncorrectResponse = Prefix + "incorrectResponse";
}
