namespace CertMesh.Domain.Renewal;

/// <summary>
/// How long to wait after consecutive failed issuances before trying again, so a broken issuer or a CA rate
/// limit is not hammered. Zero failures means no wait.
/// </summary>
public sealed class Backoff(BackoffOptions options)
{
    public static Backoff Default { get; } = new(BackoffOptions.Default);

    public BackoffOptions Options { get; } = options;

    public TimeSpan Delay(int failedAttempts)
    {
        if (failedAttempts <= 0)
        {
            return TimeSpan.Zero;
        }
        var delay = Options.Initial;
        // Doubling step by step instead of 2^n keeps large attempt counts from overflowing.
        for (var i = 1; i < failedAttempts && delay < Options.Max; i++)
        {
            delay = delay > Options.Max / 2 ? Options.Max : delay * 2;
        }
        return delay < Options.Max ? delay : Options.Max;
    }

    public DateTimeOffset NextAttempt(int failedAttempts, DateTimeOffset lastFailure) => lastFailure + Delay(failedAttempts);
}
