namespace CertMesh.AcmeOrder.Retries;

/// <summary>When to ask the CA again: when it said (Retry-After), otherwise an exponential back-off.</summary>
internal static class RetryDelay
{
    static readonly TimeSpan Floor = TimeSpan.FromSeconds(1);
    static readonly TimeSpan First = TimeSpan.FromSeconds(10);
    static readonly TimeSpan Ceiling = TimeSpan.FromMinutes(10);

    /// <param name="attempt">0 for the first retry.</param>
    public static TimeSpan For(int attempt, TimeSpan? retryAfter)
    {
        if (retryAfter is { } asked)
            return asked < Floor ? Floor : asked;
        var backoff = First * Math.Pow(2, Math.Clamp(attempt, 0, 16));
        return backoff > Ceiling ? Ceiling : backoff;
    }

    /// <summary>For retries without a count to back off by: the CA's Retry-After, else half a minute.</summary>
    public static TimeSpan Fixed(TimeSpan? retryAfter) => For(0, retryAfter ?? TimeSpan.FromSeconds(30));
}
