namespace CertMesh.ChallengeSolver.Challenges;

/// <summary>Event reasons on a Challenge and <c>ChallengeFailed.Reason</c> values; cert-manager's names where it has one.</summary>
internal static class ChallengeReasons
{
    public const string Created = "Created";
    /// <summary>cert-manager: "Challenge scheduled for processing".</summary>
    public const string Started = "Started";
    public const string Presented = "Presented";
    public const string DomainVerified = "DomainVerified";
    /// <summary>The CA found the authorization invalid (warning event, and ChallengeFailed.Reason).</summary>
    public const string Failed = "Failed";
    public const string Expired = "Expired";
    public const string Errored = "Errored";
    public const string NotSupported = "NotSupported";
    /// <summary>cert-manager: "Error cleaning up challenge"; a clean-up that failed for good (the outcome stands).</summary>
    public const string CleanUpError = "CleanUpError";
    /// <summary>The SolveChallenge message itself was unusable; nothing was created.</summary>
    public const string InvalidChallenge = "InvalidChallenge";
}
