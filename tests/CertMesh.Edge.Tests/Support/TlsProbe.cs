using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace CertMesh.Edge.Tests.Support;

/// <summary>One TLS handshake with the Edge, as a client trusting only the test CA would make it.</summary>
public static class TlsProbe
{
    /// <param name="Serial">the leaf the server sent, null when it sent none.</param>
    /// <param name="ChainValid">the chain the server sent validates to the test CA for the requested name.</param>
    /// <param name="Error">the client's error, with inner messages, when the handshake failed.</param>
    public sealed record Result(bool Succeeded, string? Serial, bool ChainValid, string? Error);

    /// <param name="serverName">sent as SNI; an IP address (or null) sends none.</param>
    public static async Task<Result> HandshakeAsync(int port, string? serverName, X509Certificate2 trustedCa)
    {
        string? serial = null;
        var chainValid = false;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        await using var tls = new SslStream(tcp.GetStream());
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = serverName ?? "127.0.0.1",
                RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                {
                    serial = (certificate as X509Certificate2)?.SerialNumber;
                    chainValid = Validates(certificate, chain, errors, trustedCa);
                    return true; // judged by the test, so a failure says what was wrong
                },
            }).WaitAsync(TimeSpan.FromSeconds(10));
            return new Result(true, serial, chainValid, null);
        }
        catch (Exception exception) when (exception is IOException or System.Security.Authentication.AuthenticationException or SocketException)
        {
            return new Result(false, serial, chainValid, Describe(exception));
        }
    }

    /// <summary>A validation callback that trusts <paramref name="trustedCa"/> alone, for clients that must see a valid chain.</summary>
    public static bool Validates(X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors, X509Certificate2 trustedCa)
    {
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
            return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(trustedCa);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
        }
        return chain.Build(new X509Certificate2(certificate));
    }

    static string Describe(Exception exception)
    {
        var parts = new List<string>();
        for (var e = exception; e is not null; e = e.InnerException)
            parts.Add(e.Message);
        return string.Join(" <- ", parts);
    }
}
