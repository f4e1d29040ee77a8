namespace CertMesh.DnsWebhook.Changes;

/// <summary>What one change came to: done by <see cref="Provider"/>, or <see cref="Failure"/> says why not.</summary>
internal sealed record DnsChangeResult(string Provider, DnsChangeException? Failure)
{
    public bool Succeeded => Failure is null;
}
