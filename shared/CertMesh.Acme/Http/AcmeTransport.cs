using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CertMesh.Acme.Directory;
using CertMesh.Acme.Jws;
using CertMesh.Acme.Nonces;
using CertMesh.Acme.Problems;

namespace CertMesh.Acme.Http;

/// <summary>
/// The wire layer: cached directory, nonce pool, signed POSTs with transparent badNonce retries, and problem
/// documents turned into <see cref="AcmeProblemException"/>. Thread-safe; holds no account state.
/// </summary>
internal sealed class AcmeTransport
{
    private const string JoseJson = "application/jose+json";

    private readonly HttpClient _http;
    private readonly Uri _directoryUri;
    private readonly AcmeClientOptions _options;
    private readonly NoncePool _nonces = new();
    private readonly Lock _directoryGate = new();
    private Task<AcmeDirectory>? _directory;
    private long _badNonceRetries;

    public AcmeTransport(HttpClient http, Uri directoryUri, AcmeClientOptions options)
    {
        _http = http;
        _directoryUri = directoryUri;
        _options = options;
    }

    /// <summary>Nonces currently pooled (for tests and diagnostics).</summary>
    public int PooledNonces => _nonces.Count;

    /// <summary>How many requests were re-sent after badNonce (a health signal: a high rate means nonces go stale).</summary>
    public long BadNonceRetries => Interlocked.Read(ref _badNonceRetries);

    /// <summary>The directory, fetched once; a failed fetch is not cached so the next call retries.</summary>
    public async Task<AcmeDirectory> GetDirectoryAsync(CancellationToken cancellationToken)
    {
        Task<AcmeDirectory> task;
        lock (_directoryGate)
        {
            task = _directory ??= FetchDirectoryAsync();
        }

        try
        {
            return await task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            lock (_directoryGate)
            {
                if (ReferenceEquals(_directory, task))
                {
                    _directory = null;
                }
            }

            throw;
        }
    }

    /// <summary>
    /// POSTs a JWS built by <paramref name="sign"/> for each attempt (it receives the nonce to embed), retrying with
    /// the rejection's fresh nonce while the CA answers badNonce.
    /// </summary>
    public async Task<AcmeResponse> PostAsync(Uri url, string action, Func<string, JwsMessage> sign, string? accept, CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            string nonce = await TakeNonceAsync(cancellationToken).ConfigureAwait(false);
            byte[] body = JsonSerializer.SerializeToUtf8Bytes(sign(nonce), AcmeJson.Options);
            try
            {
                return await SendAsync(HttpMethod.Post, url, action, body, accept, cancellationToken).ConfigureAwait(false);
            }
            catch (AcmeProblemException ex) when (ex.Problem.Type == AcmeProblemTypes.BadNonce && attempt < _options.MaxBadNonceRetries)
            {
                // The rejection carried a fresh nonce, already pooled by SendAsync: just try again.
                Interlocked.Increment(ref _badNonceRetries);
            }
        }
    }

    /// <summary>Parses a successful response body; a body that is not the expected object is an <see cref="AcmeException"/>.</summary>
    public static T Deserialize<T>(AcmeResponse response, Uri url) => AcmeBody.Read<T>(response.Body, url);

    /// <summary>A plain GET (directory, renewalInfo): the resources RFC 8555 allows unauthenticated.</summary>
    public Task<AcmeResponse> GetAsync(Uri url, string action, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, url, action, null, null, cancellationToken);

    private async Task<AcmeDirectory> FetchDirectoryAsync()
    {
        // Not tied to one caller's token: the cached task is shared by every caller.
        AcmeResponse response = await SendAsync(HttpMethod.Get, _directoryUri, AcmeActions.GetDirectory, null, null, CancellationToken.None).ConfigureAwait(false);
        return Deserialize<AcmeDirectory>(response, _directoryUri);
    }

    private async Task<string> TakeNonceAsync(CancellationToken cancellationToken)
    {
        if (_nonces.TryTake(out string pooled))
        {
            return pooled;
        }

        AcmeDirectory directory = await GetDirectoryAsync(cancellationToken).ConfigureAwait(false);
        for (int attempt = 0; ; attempt++)
        {
            await SendAsync(HttpMethod.Head, directory.NewNonce, AcmeActions.NewNonce, null, null, cancellationToken).ConfigureAwait(false);
            // SendAsync pooled the Replay-Nonce; a concurrent caller may have taken it, so loop until one is ours.
            if (_nonces.TryTake(out string fresh))
            {
                return fresh;
            }

            if (attempt >= 8)
            {
                throw new AcmeException($"The CA sent no Replay-Nonce from {directory.NewNonce}.");
            }
        }
    }

    private async Task<AcmeResponse> SendAsync(HttpMethod method, Uri url, string action, byte[]? body, string? accept, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        using var request = new HttpRequestMessage(method, url);
        request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(JoseJson);
        }

        long started = Stopwatch.GetTimestamp();
        int? status = null;
        try
        {
            using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            status = (int)response.StatusCode;
            if (response.Headers.TryGetValues("Replay-Nonce", out IEnumerable<string>? nonces))
            {
                foreach (string nonce in nonces)
                {
                    _nonces.Add(nonce);
                }
            }

            byte[] content = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
            TimeSpan? retryAfter = RetryAfter(response.Headers.RetryAfter);
            string? contentType = response.Content.Headers.ContentType?.MediaType;
            if (!response.IsSuccessStatusCode)
            {
                throw ProblemDocument.ToException(response.StatusCode, content, contentType, retryAfter, url);
            }

            Uri? location = response.Headers.Location is { } l ? new Uri(url, l) : null;
            IReadOnlyList<LinkHeader> links = response.Headers.TryGetValues("Link", out IEnumerable<string>? linkValues)
                ? LinkHeader.Parse(linkValues, url)
                : [];
            return new AcmeResponse(response.StatusCode, content, contentType, location, retryAfter, links);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"ACME {method} {url} took longer than {_options.RequestTimeout}.", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new AcmeException($"ACME {method} {url} failed: {ex.Message}", ex);
        }
        finally
        {
            _options.Observer?.Observe(new AcmeExchange(action, method, url, status, Stopwatch.GetElapsedTime(started)));
        }
    }

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header)
    {
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            TimeSpan wait = date - _options.TimeProvider.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }
}
