using CertMesh.Hosting.Metrics.Resources;

namespace CertMesh.Persistence.Tests.Metrics;

public sealed class ChangeWindowTests
{
    static readonly DateTimeOffset T0 = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Since_AfterFullLoad_StartsBeforeTheLoadedNumber()
    {
        var window = new ChangeWindow(TimeSpan.FromSeconds(10));
        window.Restart(T0, 10_000);

        // Rows numbered just before the load may have committed after it read: they are read again.
        Assert.True(window.Since(T0) < 10_000);
    }

    [Fact]
    public void Since_WithinWindow_KeepsReadingFromTheOldestSample()
    {
        var window = new ChangeWindow(TimeSpan.FromSeconds(10));
        window.Restart(T0, 0);
        window.Record(T0.AddSeconds(1), 100);
        window.Record(T0.AddSeconds(2), 200);

        Assert.Equal(0, window.Since(T0.AddSeconds(3)));
    }

    [Fact]
    public void Since_AfterWindowPassed_MovesToTheNumberOfAboutOneWindowAgo()
    {
        var window = new ChangeWindow(TimeSpan.FromSeconds(10));
        window.Restart(T0, 0);
        for (var second = 1; second <= 30; second++)
            window.Record(T0.AddSeconds(second), second * 100);

        // At t=31 the oldest sample kept is the one whose successor is less than a window old: t=21 (2100).
        Assert.Equal(2_100, window.Since(T0.AddSeconds(31)));
    }
}
