using System.Net.Sockets;
using CertMesh.Contracts.Dns;
using CertMesh.Dns.Transport;
using CertMesh.Dns.Update;
using CertMesh.Dns.Wire;
using CertMesh.DnsWebhook.Changes;

namespace CertMesh.DnsWebhook.Providers.Rfc2136;

/// <summary>
/// Sorts what an update can end in: a key the server refuses will be refused again (KeyRejected), so will an update the
/// zone's policy forbids (UpdateRefused); a server that failed or did not answer may work next time (Unreachable).
/// The library's messages are kept word for word: they name key and server, never the secret.
/// </summary>
internal static class Rfc2136Failures
{
    public static async Task GuardAsync(Task update, string provider)
    {
        try
        {
            await update;
        }
        catch (DnsUpdateException e) when (e.IsKeyRejected || e.Rcode == DnsRcode.NoError)
        {
            // NoError here means the answer failed TSIG verification: the key (or the clock) is what is wrong.
            throw new DnsChangeException(DnsRecordFailureReasons.KeyRejected, e.Message, retryable: false, e);
        }
        catch (DnsUpdateException e) when (e.Rcode == DnsRcode.ServFail)
        {
            throw DnsChangeException.Unreachable(e.Message, e);
        }
        catch (DnsUpdateException e)
        {
            throw new DnsChangeException(DnsRecordFailureReasons.UpdateRefused, e.Message, retryable: false, e);
        }
        catch (DnsTimeoutException e)
        {
            throw DnsChangeException.Unreachable(e.Message, e);
        }
        catch (Exception e) when (e is IOException or SocketException or DnsFormatException)
        {
            throw DnsChangeException.Unreachable($"{provider}: {e.Message}", e);
        }
    }
}
