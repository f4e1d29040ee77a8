namespace CertMesh.Client.Tls;

/// <summary>
/// What Kestrel serves for one declared certificate: read on every handshake (one volatile read), replaced as a whole
/// when a new revision arrives, so a handshake sees either the old revision or the new one, never a mix, and no
/// listener is rebound.
/// </summary>
internal sealed class CertificateSlot(string key)
{
    readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    ServedCertificate? _current;

    public string Key { get; } = key;

    public ServedCertificate? Current => Volatile.Read(ref _current);

    /// <summary>Completes when the slot holds its first certificate.</summary>
    public Task FirstCertificate => _first.Task;

    public void Swap(ServedCertificate certificate)
    {
        Volatile.Write(ref _current, certificate);
        _first.TrySetResult();
    }
}
