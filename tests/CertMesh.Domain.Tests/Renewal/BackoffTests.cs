using CertMesh.Domain.Renewal;

namespace CertMesh.Domain.Tests.Renewal;

public sealed class BackoffTests
{
    private static readonly DateTimeOffset LastFailure = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(4, 8)]
    [InlineData(5, 16)]
    [InlineData(6, 32)]
    [InlineData(7, 32)]
    [InlineData(100, 32)]
    [InlineData(int.MaxValue, 32)]
    public void NextAttempt_DefaultOptions_DoublesFromOneHourCappedAt32(int failedAttempts, int hours)
    {
        Assert.Equal(LastFailure.AddHours(hours), Backoff.Default.NextAttempt(failedAttempts, LastFailure));
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(4, 40)]
    [InlineData(5, 60)]
    [InlineData(50, 60)]
    public void Delay_CustomOptions_DoublesUpToMax(int failedAttempts, int minutes)
    {
        var backoff = new Backoff(new BackoffOptions(TimeSpan.FromMinutes(5), TimeSpan.FromHours(1)));

        Assert.Equal(TimeSpan.FromMinutes(minutes), backoff.Delay(failedAttempts));
    }

    [Fact]
    public void Delay_InitialAboveMax_CappedAtMax()
    {
        var backoff = new Backoff(new BackoffOptions(TimeSpan.FromHours(2), TimeSpan.FromHours(1)));

        Assert.Equal(TimeSpan.FromHours(1), backoff.Delay(1));
    }
}
