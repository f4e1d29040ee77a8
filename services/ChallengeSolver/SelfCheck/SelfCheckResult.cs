namespace CertMesh.ChallengeSolver.SelfCheck;

/// <summary>One self-check's verdict; <c>Detail</c> says what was seen instead when it did not pass.</summary>
internal sealed record SelfCheckResult(bool Passed, string Detail)
{
    public const string PassedDetail = "passed";

    public static SelfCheckResult Pass { get; } = new(true, PassedDetail);

    public static SelfCheckResult Miss(string detail) => new(false, detail);
}
