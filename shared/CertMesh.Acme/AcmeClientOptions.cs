namespace CertMesh.Acme;

/// <summary>Tunables of <see cref="AcmeClient"/>; the defaults suit Let's Encrypt and Pebble.</summary>
public sealed record AcmeClientOptions
{
    public const string DefaultUserAgent = "CertMesh.Acme/1.0 (+https://github.com/certmesh/certmesh)";

    /// <summary>Sent on every request: RFC 8555 section 6.1 asks clients to identify themselves.</summary>
    public string UserAgent { get; init; } = DefaultUserAgent;

    /// <summary>How many times one request is re-sent after <c>badNonce</c>. Each retry uses the fresh nonce the
    /// rejection carried, so this only bounds pathological servers (Pebble rejects 5% by default, up to 50% in tests).</summary>
    public int MaxBadNonceRetries { get; init; } = 24;

    /// <summary>Upper bound for one HTTP exchange, on top of the caller's cancellation token.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>First and minimum wait between polls; a shorter Retry-After is raised to this.</summary>
    public TimeSpan MinPollInterval { get; init; } = TimeSpan.FromMilliseconds(150);

    /// <summary>Ceiling of the exponential back-off used when the CA sends no Retry-After.</summary>
    public TimeSpan MaxPollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest Retry-After honoured while polling; longer ones are clamped so a poll loop still ends.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a Wait… call polls before giving up with <see cref="TimeoutException"/>.</summary>
    public TimeSpan PollTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Told of every HTTP exchange (metrics); none by default, so this library needs no metrics package.</summary>
    public Http.IAcmeRequestObserver? Observer { get; init; }
}
