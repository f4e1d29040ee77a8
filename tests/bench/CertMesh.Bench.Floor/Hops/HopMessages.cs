namespace CertMesh.Bench.Floor.Hops;

/// <summary>One chain's message at one hop: which chain, and when its first hop was published (Stopwatch ticks).</summary>
public interface IHop
{
    Guid ChainId { get; }
    long PublishedAt { get; }
}

// One type per hop, as an issuance has one per step: MassTransit routes by type, so each hop has a queue of its own.
public sealed record FloorHop1(Guid ChainId, long PublishedAt) : IHop;
public sealed record FloorHop2(Guid ChainId, long PublishedAt) : IHop;
public sealed record FloorHop3(Guid ChainId, long PublishedAt) : IHop;
public sealed record FloorHop4(Guid ChainId, long PublishedAt) : IHop;
public sealed record FloorHop5(Guid ChainId, long PublishedAt) : IHop;

/// <summary>What the last hop announces, as Trigger announces CertificateIssued: the benchmark's own queue counts it.</summary>
public sealed record FloorChainDone(Guid ChainId, long PublishedAt) : IHop;
