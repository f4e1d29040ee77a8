namespace CertMesh.ChallengeSolver.Tests.Support;

/// <summary>
/// The suites that need Pebble share one <see cref="PebbleStack"/> and run one after the other: its stand-in edge
/// holds Pebble's fixed HTTP-01 port, which only one listener can have.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PebbleCollection : ICollectionFixture<PebbleStack>
{
    public const string Name = "Pebble";
}
