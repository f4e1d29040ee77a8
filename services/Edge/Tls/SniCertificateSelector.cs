using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Authentication;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace CertMesh.Edge.Tls;

/// <summary>
/// Kestrel's per-handshake callback: the SNI name → the prebuilt options of its certificate, one dictionary lookup.
/// There is no default certificate: no SNI, or a name nothing is issued for, fails the handshake, and the failure
/// names no host (the connection is closed before any certificate is sent). A name a route serves but whose
/// certificate is not issued yet is logged, at most once per <see cref="TlsOptions.MissingCertificateWarningInterval"/>.
/// </summary>
internal sealed partial class SniCertificateSelector(
    CertificateStore store,
    RoutedHosts routedHosts,
    TlsOptions options,
    TimeProvider time,
    ILogger<SniCertificateSelector> logger)
{
    const int MaxRememberedWarnings = 10_000;

    readonly ConcurrentDictionary<string, long> _warnedAt = new(StringComparer.OrdinalIgnoreCase);

    public ValueTask<SslServerAuthenticationOptions> OnConnection(TlsHandshakeCallbackContext context) => Select(context.ClientHelloInfo.ServerName);

    public ValueTask<SslServerAuthenticationOptions> Select(string? serverName)
    {
        if (serverName is { Length: > 0 } && store.TryGet(serverName, out var certificate))
            return ValueTask.FromResult(certificate.ServerOptions);
        Refuse(serverName);
        // The same words for every name: what Kestrel logs of it, or a client might see, names no host.
        return ValueTask.FromException<SslServerAuthenticationOptions>(new AuthenticationException("no certificate for the requested server name"));
    }

    void Refuse(string? serverName)
    {
        if (serverName is not { Length: > 0 })
        {
            LogNoServerName();
            return;
        }
        var host = serverName.TrimEnd('.').ToLowerInvariant();
        if (!routedHosts.Names(host))
        {
            LogUnknownServerName(host);
            return;
        }
        var now = time.GetTimestamp();
        if (_warnedAt.TryGetValue(host, out var last) && time.GetElapsedTime(last, now) < options.MissingCertificateWarningInterval)
            return;
        if (_warnedAt.Count >= MaxRememberedWarnings)
            _warnedAt.Clear(); // routes naming that many hosts: forget rather than grow without bound
        _warnedAt[host] = now;
        LogNotIssuedYet(host);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "TLS: a route serves {Host} but no certificate is issued for it yet; handshakes for {Host} fail until one is (no other host's certificate is ever sent)")]
    partial void LogNotIssuedYet(string host);

    [LoggerMessage(Level = LogLevel.Debug, Message = "TLS: handshake refused: no certificate for server name {Host}")]
    partial void LogUnknownServerName(string host);

    [LoggerMessage(Level = LogLevel.Debug, Message = "TLS: handshake refused: the client sent no server name (SNI)")]
    partial void LogNoServerName();
}
