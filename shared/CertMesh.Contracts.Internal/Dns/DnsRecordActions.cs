namespace CertMesh.Contracts.Dns;

/// <summary>The two things a DNS provider does, spelled as cert-manager's webhook protocol spells them.</summary>
public static class DnsRecordActions
{
    public const string Present = "Present";
    public const string CleanUp = "CleanUp";
}
