namespace CertMesh.Hosting.Metrics.Resources;

/// <param name="Poll">How often the leading replica reads what changed.</param>
/// <param name="Window">
/// How far back each read looks again. Change numbers are taken when a row is written but become visible when its
/// transaction commits, so a later number can be read before an earlier one; re-reading the last few seconds catches
/// every transaction shorter than this. A longer one is caught by the next full load.
/// </param>
/// <param name="Resync">How often everything is read again from scratch (and old tombstones pruned).</param>
/// <param name="LeaderRetry">How often a replica that does not lead tries to take over.</param>
public sealed record ResourceFeedOptions(TimeSpan Poll, TimeSpan Window, TimeSpan Resync, TimeSpan LeaderRetry)
{
    public static ResourceFeedOptions Default { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(5));
}
