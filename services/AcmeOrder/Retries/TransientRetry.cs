namespace CertMesh.AcmeOrder.Retries;

/// <summary>
/// How soon an order step (creating the order, finalizing it) runs again after a transient CA failure, keeping the
/// Order: 1 s, 2 s, 4 s … at most <see cref="Ceiling"/> apart, never sooner than the CA's Retry-After, for at most
/// <see cref="MaxAttempts"/> attempts of the step. Past that bound, or when the CA asks for a longer wait than
/// <see cref="LongestRetryAfter"/>, the step fails and the certificate's own (long) back-off takes over.
/// </summary>
internal sealed record TransientRetry
{
    /// <summary>Attempts of one step, the first included (10: about two and a half minutes of retries without Retry-After).</summary>
    public int MaxAttempts { get; init; } = 10;

    public TimeSpan First { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan Ceiling { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A longer Retry-After (Let's Encrypt's rate limits name hours) is not waited out with the Order open.</summary>
    public TimeSpan LongestRetryAfter { get; init; } = TimeSpan.FromMinutes(5);

    /// <param name="failedAttempt">Which attempt of the step just failed, 0 for the first.</param>
    /// <param name="retryAfter">What the CA asked for, if anything.</param>
    /// <returns>The wait before the next attempt; null when the step should fail now.</returns>
    public TimeSpan? DelayAfter(int failedAttempt, TimeSpan? retryAfter)
    {
        if (failedAttempt + 1 >= MaxAttempts || retryAfter > LongestRetryAfter)
            return null;
        var backoff = First * Math.Pow(2, Math.Clamp(failedAttempt, 0, 16));
        if (backoff > Ceiling)
            backoff = Ceiling;
        return retryAfter > backoff ? retryAfter : backoff;
    }

    /// <summary>What the failure adds when the CA asked for a longer wait than an order is kept open for.</summary>
    public string GiveUpNote(TimeSpan? retryAfter) =>
        retryAfter > LongestRetryAfter ? $" (the CA asks to retry after {retryAfter:c})" : "";
}
