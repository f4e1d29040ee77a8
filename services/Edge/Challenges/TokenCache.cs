using System.Collections.Concurrent;
using System.Text;
using CertMesh.Persistence.Challenges;

namespace CertMesh.Edge.Challenges;

/// <summary>
/// The presented HTTP-01 tokens in memory, with their answers already encoded: a request costs one lock-free
/// dictionary read. Filled from the token table at start and on every resync, and kept current in between by
/// <see cref="TokenEventsConsumer"/>.
/// </summary>
internal sealed class TokenCache
{
    readonly ConcurrentDictionary<string, byte[]> _answers = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, byte[]>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    readonly Lock _gate = new();
    // Tokens an event touched while a snapshot was being read: the event is at least as new as the snapshot.
    HashSet<string>? _changedDuringLoad;

    public TokenCache()
    {
        _bySpan = _answers.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => _answers.Count;

    /// <summary>Allocation-free lookup by the tail of the request path.</summary>
    public bool TryGet(ReadOnlySpan<char> token, out byte[] answer) => _bySpan.TryGetValue(token, out answer!);

    public void Present(string token, string keyAuthorization)
    {
        var answer = Encoding.UTF8.GetBytes(keyAuthorization);
        lock (_gate)
        {
            _changedDuringLoad?.Add(token);
            _answers[token] = answer;
        }
    }

    public void Remove(string token)
    {
        lock (_gate)
        {
            _changedDuringLoad?.Add(token);
            _answers.TryRemove(token, out _);
        }
    }

    /// <summary>Reads a snapshot with <paramref name="load"/> and makes memory equal to it, except for tokens events changed meanwhile.</summary>
    public async Task ReloadAsync(Func<Task<IReadOnlyList<Http01Token>>> load)
    {
        lock (_gate)
            _changedDuringLoad = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            var snapshot = await load();
            lock (_gate)
            {
                var present = new HashSet<string>(StringComparer.Ordinal);
                foreach (var token in snapshot)
                {
                    present.Add(token.Token);
                    if (!_changedDuringLoad.Contains(token.Token))
                        _answers[token.Token] = Encoding.UTF8.GetBytes(token.KeyAuthorization);
                }
                foreach (var token in _answers.Keys)
                {
                    if (!present.Contains(token) && !_changedDuringLoad.Contains(token))
                        _answers.TryRemove(token, out _);
                }
            }
        }
        finally
        {
            lock (_gate)
                _changedDuringLoad = null;
        }
    }
}
