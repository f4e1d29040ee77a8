using System.Threading.Channels;

namespace CertMesh.Persistence.Messaging;

/// <summary>
/// Between the units of work of a process and its outbox dispatcher. A commit wakes the dispatcher's poll, so delivery
/// does not wait for the next one. Once the dispatcher takes <see cref="AcceptHandover"/>, a commit also hands it the
/// messages to send now, straight from memory: no read of the rows it just wrote, no JSON read back. Their rows are
/// written leased, due only <see cref="Lease"/> later, so the poll of this or any replica sends them only if this
/// process dies (or the broker refuses them) before the dispatcher deletes them.
/// </summary>
public sealed class OutboxSignal
{
    /// <summary>Longer than a publish may take (the dispatcher gives up after 10 s), so a slow one is not doubled.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(15);

    /// <summary>Beyond this many waiting, commits stop handing over and leave their rows to the poll: memory stays bounded.</summary>
    public const int HandoverCapacity = 10_000;

    readonly SemaphoreSlim _semaphore = new(0, 1);
    Channel<CommittedMessage>? _handover;

    public void Notify()
    {
        try { _semaphore.Release(); }
        catch (SemaphoreFullException) { } // already signalled: one wake-up covers every commit before it
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        await _semaphore.WaitAsync(timeout, cancellationToken);
    }

    /// <summary>From now on, committed messages due at once come to the returned reader (one reader per process).</summary>
    public ChannelReader<CommittedMessage> AcceptHandover()
    {
        var channel = Channel.CreateBounded<CommittedMessage>(new BoundedChannelOptions(HandoverCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then says no when full
        });
        return (Interlocked.CompareExchange(ref _handover, channel, null) ?? channel).Reader;
    }

    /// <summary>Whether a unit about to commit should write its messages leased and hand them over.</summary>
    internal bool TakesHandover => _handover is { } channel && channel.Reader.Count < HandoverCapacity;

    /// <returns>false for a message not taken (the channel is full): its leased row goes out by the poll.</returns>
    internal bool HandOver(CommittedMessage message) => _handover is { } channel && channel.Writer.TryWrite(message);
}
