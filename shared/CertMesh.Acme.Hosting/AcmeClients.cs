using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using CertMesh.Acme;
using CertMesh.Acme.Jws;
using CertMesh.Hosting.Metrics;
using Microsoft.Extensions.Configuration;

namespace CertMesh.Acme.Hosting;

/// <summary>
/// One <see cref="AcmeClient"/> per (directory, account key, account URL), shared by every order and challenge of
/// that account in this process: it holds the cached directory, the nonce pool and the pooled connections.
/// TLS to the CA is verified against the system roots, plus the issuer's <c>caBundle</c> and the roots in
/// <c>CERTMESH_ACME_CA_FILE</c> (how a private CA such as the local Pebble is trusted, validation kept on).
/// </summary>
public sealed class AcmeClients : IDisposable
{
    readonly ConcurrentDictionary<string, HttpClient> _http = new();
    readonly ConcurrentDictionary<string, Lazy<Entry>> _clients = new();
    readonly X509Certificate2Collection _configuredRoots;
    readonly AcmeClientOptions _options;

    public AcmeClients(IConfiguration configuration, TimeProvider time, AcmeClientMetrics metrics)
    {
        _configuredRoots = configuration["CERTMESH_ACME_CA_FILE"] is { Length: > 0 } file
            ? LoadRoots(File.ReadAllText(file), "CERTMESH_ACME_CA_FILE")
            : [];
        _options = new AcmeClientOptions
        {
            TimeProvider = time,
            MinPollInterval = TimeSpan.FromMilliseconds(ReadInt(configuration, "CERTMESH_ACME_MIN_POLL_MS", 150)),
            Observer = metrics,
        };
    }

    /// <summary>The client for this account; <paramref name="accountKeyPem"/> is the PKCS#8 key from the account Secret.</summary>
    public AcmeClient Get(Uri directory, string accountKeyPem, Uri? accountUrl, string? caBundlePem = null)
    {
        var id = $"{directory}|{Fingerprint(accountKeyPem)}|{accountUrl}|{Fingerprint(caBundlePem ?? "")}";
        return _clients.GetOrAdd(id, _ => new Lazy<Entry>(() =>
        {
            var key = AccountKey.FromPem(accountKeyPem);
            return new Entry(new AcmeClient(HttpFor(caBundlePem), directory, key, _options, accountUrl), key);
        })).Value.Client;
    }

    HttpClient HttpFor(string? caBundlePem)
    {
        var id = Fingerprint(caBundlePem ?? "");
        return _http.GetOrAdd(id, _ =>
        {
            var roots = new X509Certificate2Collection(_configuredRoots);
            if (!string.IsNullOrWhiteSpace(caBundlePem))
                roots.AddRange(LoadRoots(caBundlePem, "spec.acme.caBundle"));
            var handler = new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                MaxConnectionsPerServer = 64,
                SslOptions = new SslClientAuthenticationOptions
                {
                    RemoteCertificateValidationCallback = (_, certificate, _, errors) => Validate(certificate, errors, roots),
                },
            };
            return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        });
    }

    static bool Validate(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection roots)
    {
        if (errors == SslPolicyErrors.None)
            return true;
        // Only an untrusted root is re-decided against the extra roots; a name mismatch stays fatal.
        if (certificate is null || roots.Count == 0 || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
            return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(leaf);
    }

    static X509Certificate2Collection LoadRoots(string pem, string source)
    {
        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPem(pem);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException($"{source}: not a PEM certificate bundle: {e.Message}", e);
        }
        if (roots.Count == 0)
            throw new InvalidOperationException($"{source}: contains no PEM certificate");
        return roots;
    }

    static string Fingerprint(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 16);

    static int ReadInt(IConfiguration configuration, string name, int fallback) =>
        int.TryParse(configuration[name], out var value) && value > 0 ? value : fallback;

    public void Dispose()
    {
        foreach (var entry in _clients.Values.Where(e => e.IsValueCreated))
            entry.Value.Key.Dispose();
        foreach (var http in _http.Values)
            http.Dispose();
    }

    sealed record Entry(AcmeClient Client, AccountKey Key);
}
