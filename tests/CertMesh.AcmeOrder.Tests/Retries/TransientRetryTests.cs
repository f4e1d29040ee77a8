using CertMesh.AcmeOrder.Retries;

namespace CertMesh.AcmeOrder.Tests.Retries;

/// <summary>The short back-off, decided without waiting: seconds apart, bounded, never before the CA's Retry-After.</summary>
public sealed class TransientRetryTests
{
    static readonly TransientRetry Defaults = new();

    [Theory]
    [InlineData(0, null, 1.0)]
    [InlineData(1, null, 2.0)]
    [InlineData(2, null, 4.0)]
    [InlineData(3, null, 8.0)]
    [InlineData(4, null, 16.0)]
    [InlineData(5, null, 30.0)]
    [InlineData(8, null, 30.0)]
    [InlineData(9, null, null)]
    [InlineData(0, 7.0, 7.0)]
    [InlineData(0, 0.0, 1.0)]
    [InlineData(5, 3.0, 30.0)]
    [InlineData(2, 300.0, 300.0)]
    [InlineData(0, 301.0, null)]
    [InlineData(3, 10800.0, null)]
    [InlineData(9, 1.0, null)]
    public void DelayAfter_FailedAttemptAndRetryAfter_WaitOrGiveUp(int failedAttempt, double? retryAfterSeconds, double? expectedSeconds)
    {
        var retryAfter = retryAfterSeconds is { } s ? TimeSpan.FromSeconds(s) : (TimeSpan?)null;

        var delay = Defaults.DelayAfter(failedAttempt, retryAfter);

        Assert.Equal(expectedSeconds, delay?.TotalSeconds);
    }

    [Fact]
    public void DelayAfter_EveryAttemptFailing_GivesUpWithinThreeMinutes()
    {
        var waited = TimeSpan.Zero;
        var attempt = 0;
        while (Defaults.DelayAfter(attempt, null) is { } delay)
        {
            waited += delay;
            attempt++;
        }

        Assert.Equal(Defaults.MaxAttempts, attempt + 1);
        Assert.Equal(TimeSpan.FromSeconds(1 + 2 + 4 + 8 + 16 + 30 + 30 + 30 + 30), waited);
        Assert.True(waited < TimeSpan.FromMinutes(3));
    }

    [Fact]
    public void DelayAfter_OneAttemptAllowed_NeverRetries()
    {
        Assert.Null((Defaults with { MaxAttempts = 1 }).DelayAfter(0, null));
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData(60.0, "")]
    [InlineData(300.0, "")]
    [InlineData(3600.0, " (the CA asks to retry after 01:00:00)")]
    public void GiveUpNote_RetryAfter_NamedOnlyWhenLongerThanWaitedFor(double? retryAfterSeconds, string expected)
    {
        Assert.Equal(expected, Defaults.GiveUpNote(retryAfterSeconds is { } s ? TimeSpan.FromSeconds(s) : null));
    }
}
