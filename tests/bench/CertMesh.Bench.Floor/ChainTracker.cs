using System.Collections.Concurrent;
using System.Diagnostics;

namespace CertMesh.Bench.Floor;

/// <summary>
/// The chains this run published and which of them came out of the last hop, with each one's time from its publish.
/// A chain counts once (a redelivered last message is not a second chain), and only this round's chains count: the
/// hop queues are durable and may hold what an interrupted run, or the warm-up round, left.
/// </summary>
public sealed class ChainTracker
{
    ConcurrentDictionary<Guid, byte> _published = new();
    ConcurrentDictionary<Guid, double> _done = new();
    TaskCompletionSource _allDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    int _expected = int.MaxValue;
    long _lastDoneAt;

    public Task AllDone => _allDone.Task;
    public int Done => _done.Count;
    public long LastDoneAt => Interlocked.Read(ref _lastDoneAt);

    /// <summary>Forgets the last round: from now on only chains published after this call count, up to <paramref name="count"/>.</summary>
    public void StartRound(int count)
    {
        _published = new();
        _done = new();
        _allDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
        _expected = count;
    }

    public void Published(Guid chainId) => _published.TryAdd(chainId, 0);

    public void OnDone(Guid chainId, long publishedAt)
    {
        if (!_published.ContainsKey(chainId))
            return;
        var now = Stopwatch.GetTimestamp();
        if (!_done.TryAdd(chainId, Stopwatch.GetElapsedTime(publishedAt, now).TotalMilliseconds))
            return;
        Interlocked.Exchange(ref _lastDoneAt, now);
        if (_done.Count >= _expected)
            _allDone.TrySetResult();
    }

    public IEnumerable<double> LatenciesMilliseconds() => _done.Values;
}
