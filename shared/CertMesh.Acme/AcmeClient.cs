using CertMesh.Acme.Directory;
using CertMesh.Acme.Http;
using CertMesh.Acme.Jws;
using CertMesh.Acme.Problems;

namespace CertMesh.Acme;

/// <summary>
/// An RFC 8555 client bound to one CA directory and one account key. Thread-safe: one instance can drive many
/// orders at once (they share the nonce pool and the cached directory). It does not own the <see cref="HttpClient"/>
/// nor the account key. The operations are split by concern over the AcmeClient.*.cs partial files.
/// </summary>
public sealed partial class AcmeClient
{
    private readonly AcmeTransport _transport;
    private readonly AcmeClientOptions _options;
    private readonly Lock _sessionGate = new();
    private volatile AccountSession _session;

    public AcmeClient(HttpClient http, Uri directoryUri, AccountKey accountKey, AcmeClientOptions? options = null, Uri? accountUrl = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(directoryUri);
        ArgumentNullException.ThrowIfNull(accountKey);
        _options = options ?? new AcmeClientOptions();
        _transport = new AcmeTransport(http, directoryUri, _options);
        _session = new AccountSession(accountKey, accountUrl);
    }

    /// <summary>The key requests are signed with (changes after <see cref="ChangeKeyAsync"/>).</summary>
    public AccountKey AccountKey => _session.Key;

    /// <summary>The account URL (JWS <c>kid</c>), known after <see cref="CreateAccountAsync"/> or <see cref="FindAccountAsync"/>.</summary>
    public Uri? AccountUrl => _session.AccountUrl;

    /// <summary>Requests re-sent after a badNonce rejection since this client was created.</summary>
    public long BadNonceRetries => _transport.BadNonceRetries;

    public Task<AcmeDirectory> GetDirectoryAsync(CancellationToken cancellationToken = default) =>
        _transport.GetDirectoryAsync(cancellationToken);

    // Key and account URL change together (rollover), so they are swapped as one immutable pair: readers take a
    // snapshot without locking, writers go through TrySwapSession.
    private sealed record AccountSession(AccountKey Key, Uri? AccountUrl);

    /// <summary>Replaces the session only if it still holds <paramref name="expectedKey"/> (a concurrent rollover wins).</summary>
    private void TrySwapSession(AccountKey expectedKey, AccountSession replacement)
    {
        lock (_sessionGate)
        {
            if (ReferenceEquals(_session.Key, expectedKey))
            {
                _session = replacement;
            }
        }
    }

    private Uri RequireAccountUrl() =>
        _session.AccountUrl ?? throw new InvalidOperationException("No account yet: call CreateAccountAsync or FindAccountAsync first.");

    /// <summary>A kid-signed POST of <paramref name="payload"/>; null payload means POST-as-GET.</summary>
    private Task<AcmeResponse> PostAsync(Uri url, string action, byte[]? payload, CancellationToken cancellationToken, string? accept = null)
    {
        AccountSession session = _session;
        Uri kid = session.AccountUrl ?? RequireAccountUrl();
        return _transport.PostAsync(url, action, nonce => JwsSigner.Sign(session.Key, url, nonce, kid, payload ?? []), accept, cancellationToken);
    }

    private async Task<T> PostForAsync<T>(Uri url, string action, byte[]? payload, CancellationToken cancellationToken)
    {
        AcmeResponse response = await PostAsync(url, action, payload, cancellationToken).ConfigureAwait(false);
        return AcmeTransport.Deserialize<T>(response, url);
    }

    private static Uri Require(Uri? endpoint, string name) =>
        endpoint ?? throw new AcmeException($"The CA's directory has no {name} endpoint.");

    private static AcmeException MissingLocation(Uri url) => new($"The CA's answer from {url} had no Location header.");
}
