using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using CertMesh.Persistence.Challenges;
using Npgsql;

namespace CertMesh.Edge.Challenges;

/// <summary>
/// The one PostgreSQL read a token missing from memory may cost.
/// <para>
/// Why it exists: the ChallengeSolver commits the token row and its <c>Http01TokenPresented</c> event together and
/// then self-checks at once, through this Edge. The event travels outbox → dispatcher → RabbitMQ → this replica's
/// queue, usually in milliseconds but up to a dispatcher poll (500 ms) or more under load. A self-check that
/// lands first would fail and, as in cert-manager, be retried only 10 s later: one unlucky race would cost a
/// challenge 10 s. A primary-key read closes that window, so "committed" means "served" on every replica.
/// </para>
/// <para>
/// What keeps it cheap: only well-formed tokens (base64url, 16 to 256 characters, as RFC 8555 section 8.3 makes
/// them) are looked up; misses are remembered for <see cref="NegativeTtl"/>, so a client hammering one unknown
/// token costs one read per second, not one per request; at most <see cref="MaxConcurrentReads"/> reads run at
/// once. Hits are not cached: the event usually arrives within milliseconds and fills memory, and a cached hit could
/// outlive a removal. A miss remembered here never hides a presented token for long: a token is presented
/// before anyone is told it exists, so the only requests that can precede its commit are guesses.
/// </para>
/// </summary>
internal sealed partial class TokenLookup(NpgsqlDataSource dataSource, TimeProvider time, ILogger<TokenLookup> logger)
{
    static readonly TimeSpan NegativeTtl = TimeSpan.FromSeconds(1);
    // Under load the presented event can trail the commit by seconds (the outbox is shared by every service), and
    // then each of the CA's fetches is a read here: a 2 s / 8-read budget turned such fetches into 404s (seen in
    // the acme bench). A CA waits about 10 s for an answer.
    static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(5);
    const int MaxConcurrentReads = 32;
    const int MaxRememberedMisses = 10_000;
    static readonly SearchValues<char> Base64Url = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    readonly ConcurrentDictionary<string, long> _misses = new(StringComparer.Ordinal);
    readonly SemaphoreSlim _reads = new(MaxConcurrentReads, MaxConcurrentReads);

    public static bool IsWellFormed(ReadOnlySpan<char> token) =>
        token.Length is >= 16 and <= 256 && !token.ContainsAnyExcept(Base64Url);

    /// <returns>the encoded key authorization, or null when the token is not presented (or the read failed).</returns>
    public async Task<byte[]?> FindAsync(string token, CancellationToken cancellationToken)
    {
        if (_misses.TryGetValue(token, out var missedAt) && time.GetElapsedTime(missedAt) < NegativeTtl)
            return null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ReadTimeout);
        try
        {
            await _reads.WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        try
        {
            var keyAuthorization = await Http01TokenStore.FindAsync(dataSource, token, timeout.Token);
            if (keyAuthorization is not null)
                return Encoding.UTF8.GetBytes(keyAuthorization);
            if (_misses.Count >= MaxRememberedMisses)
                _misses.Clear(); // a flood of distinct guesses: forget them all rather than grow without bound
            _misses[token] = time.GetTimestamp();
            return null;
        }
        catch (Exception exception) when (exception is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            if (!cancellationToken.IsCancellationRequested)
                LogLookupFailed(exception);
            return null;
        }
        finally
        {
            _reads.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking up an HTTP-01 token missing from memory failed; answered 404")]
    partial void LogLookupFailed(Exception exception);
}
