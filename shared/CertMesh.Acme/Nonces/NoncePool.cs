namespace CertMesh.Acme.Nonces;

/// <summary>
/// Replay nonces collected from every response, handed out newest first (older ones are likelier to have expired
/// at the CA). Bounded, so a burst of concurrent responses cannot grow it without limit. Thread-safe.
/// </summary>
internal sealed class NoncePool
{
    private readonly LinkedList<string> _nonces = new();
    private readonly int _capacity;
    private readonly Lock _gate = new();

    public NoncePool(int capacity = 64) => _capacity = capacity;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _nonces.Count;
            }
        }
    }

    public void Add(string nonce)
    {
        lock (_gate)
        {
            _nonces.AddFirst(nonce);
            if (_nonces.Count > _capacity)
            {
                _nonces.RemoveLast();
            }
        }
    }

    public bool TryTake(out string nonce)
    {
        lock (_gate)
        {
            if (_nonces.First is { } first)
            {
                nonce = first.Value;
                _nonces.RemoveFirst();
                return true;
            }
        }

        nonce = string.Empty;
        return false;
    }

    /// <summary>Forgets every nonce (after a CA restart they are all stale).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _nonces.Clear();
        }
    }
}
