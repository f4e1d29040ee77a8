namespace CertMesh.Acme.Challenges;

/// <summary>Challenge type names.</summary>
public static class ChallengeTypes
{
    public const string Http01 = "http-01";
    public const string Dns01 = "dns-01";
    public const string TlsAlpn01 = "tls-alpn-01";
}
