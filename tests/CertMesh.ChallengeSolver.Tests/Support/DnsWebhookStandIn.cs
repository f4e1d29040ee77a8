using System.Collections.Concurrent;
using CertMesh.Contracts.Dns;

namespace CertMesh.ChallengeSolver.Tests.Support;

/// <summary>What the stand-in webhook does with the next request for one challenge, instead of the real change.</summary>
internal enum WebhookScript
{
    /// <summary>The real change, as without a script: lets a later step of the script hit a later request.</summary>
    Pass,
    /// <summary>The change is sent to BIND with a secret it does not know: a real BADSIG, answered KeyRejected, not retryable.</summary>
    WrongKey,
    /// <summary>Answered Unreachable, retryable, without touching BIND.</summary>
    Unreachable,
    /// <summary>No answer at all: the request times out.</summary>
    Silent,
}

/// <summary>
/// Stands in for DnsWebhook (written in parallel; the full path is tested in the integration suite): answers
/// ChangeDnsRecord by making the real RFC 2136 change at the local BIND with the TSIG key, one value at a time, as
/// the real one does for an rfc2136 solver. A test can script what the next requests for a challenge get instead.
/// </summary>
internal sealed class DnsWebhookStandIn
{
    public ConcurrentQueue<ChangeDnsRecord> Received { get; } = new();
    public ConcurrentDictionary<string, ConcurrentQueue<WebhookScript>> Scripts { get; } = new();

    public void Script(string challengeName, params WebhookScript[] steps)
    {
        var queue = Scripts.GetOrAdd(challengeName, _ => new ConcurrentQueue<WebhookScript>());
        foreach (var step in steps)
            queue.Enqueue(step);
    }

    public IEnumerable<ChangeDnsRecord> For(string challengeName, string action) =>
        Received.Where(r => r.ChallengeName == challengeName && r.Action == action);
}
