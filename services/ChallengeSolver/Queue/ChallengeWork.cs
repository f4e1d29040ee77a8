namespace CertMesh.ChallengeSolver.Queue;

/// <summary>
/// What the scheduler keeps per Challenge: its key, the (dnsName, type) pair that may not be worked on twice at
/// once, and the ACME account it is solved with (references only; the key stays in its Secret).
/// </summary>
public sealed record ChallengeWork(string Namespace, string Name, string DnsName, string Type, ChallengeAccount Account);

/// <summary>The account a challenge is accepted with: the CA directory, the account URL and the Secret holding its key.</summary>
public sealed record ChallengeAccount
{
    public string AcmeServer { get; init; } = "";
    public string AccountUrl { get; init; } = "";
    public string KeySecretNamespace { get; init; } = "";
    public string KeySecretName { get; init; } = "";
}
