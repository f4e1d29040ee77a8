using MassTransit;

namespace CertMesh.Bench.Floor.Hops;

/// <summary>
/// One chain's message at one hop: which chain, and when its first hop was published (Stopwatch ticks). Kept out of
/// the broker's topology, as CertMesh's own contracts have no base types: a publish goes to its own type's exchange only.
/// </summary>
[ExcludeFromTopology]
public abstract record Hop
{
    public Guid ChainId { get; init; }
    public long PublishedAt { get; init; }
}

// One type per hop, as an issuance has one per step: MassTransit routes by type, so each hop has a queue of its own.
public sealed record FloorHop1 : Hop;
public sealed record FloorHop2 : Hop;
public sealed record FloorHop3 : Hop;
public sealed record FloorHop4 : Hop;
public sealed record FloorHop5 : Hop;

/// <summary>What the last hop announces, as Trigger announces CertificateIssued: the benchmark's own queue counts it.</summary>
public sealed record FloorChainDone : Hop;
