namespace CertMesh.Hosting.Metrics.Resources;

/// <summary>
/// Which change numbers to read again: everything numbered after the sequence's value of about one window ago.
/// Samples of (time, last number handed out) are kept for the window; the oldest kept is where the next read starts.
/// </summary>
public sealed class ChangeWindow(TimeSpan window)
{
    // Rows numbered shortly before a full load may still be uncommitted while it reads; they are read again from here.
    const long LoadOverlap = 2_000;

    readonly Queue<(DateTimeOffset At, long Number)> _samples = new();

    public void Restart(DateTimeOffset at, long number)
    {
        _samples.Clear();
        _samples.Enqueue((at, Math.Max(0, number - LoadOverlap)));
    }

    public void Record(DateTimeOffset at, long number) => _samples.Enqueue((at, number));

    public long Since(DateTimeOffset now)
    {
        // Drop a sample once the next one is itself a full window old: the start stays about one window back.
        while (_samples.Count > 1 && now - _samples.ElementAt(1).At >= window)
            _samples.Dequeue();
        return _samples.Count == 0 ? 0 : _samples.Peek().Number;
    }
}
