using CertMesh.Contracts;
using CertMesh.Domain.Durations;
using CertMesh.Domain.Renewal;

namespace CertMesh.Domain.Tests.Renewal;

public sealed class RenewalTimeTests
{
    private static readonly DateTimeOffset NotBefore = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    // actual lifetime, renewBefore, renewBeforePercentage → renewal time after notBefore
    [InlineData("1h", "59m50s", null, "10s")]
    [InlineData("2160h", null, null, "1440h")]
    [InlineData("2160h", "240h", null, "1920h")]
    [InlineData("1h", null, 25, "45m")]
    [InlineData("2160h", null, 50, "1080h")]
    [InlineData("1h", "2h", null, "40m")]
    [InlineData("1h", "1h", null, "40m")]
    [InlineData("1h", null, null, "40m")]
    [InlineData("1h0m1s", null, null, "40m")]
    [InlineData("24h", "5m", null, "23h55m")]
    public void Compute_Table(string lifetime, string? renewBefore, int? percentage, string expectedAfterNotBefore)
    {
        var notAfter = NotBefore + GoDuration.Parse(lifetime);
        TimeSpan? before = renewBefore is null ? null : GoDuration.Parse(renewBefore);

        var renewal = RenewalTime.Compute(NotBefore, notAfter, before, percentage);

        Assert.Equal(NotBefore + GoDuration.Parse(expectedAfterNotBefore), renewal);
    }

    [Fact]
    public void Compute_ActualLifetimeShorterThanSpec_UsesActual()
    {
        // The CA shortened a 90-day request to 24h: a third of 24h, not of 90 days.
        var spec = new CertificateSpec { Duration = "2160h" };

        var renewal = RenewalTime.Compute(NotBefore, NotBefore.AddHours(24), spec);

        Assert.Equal(NotBefore.AddHours(16), renewal);
    }

    [Fact]
    public void Compute_SpecWithUnparsableRenewBefore_TreatedAsAbsent()
    {
        var renewal = RenewalTime.Compute(NotBefore, NotBefore.AddHours(3), new CertificateSpec { RenewBefore = "soon" });

        Assert.Equal(NotBefore.AddHours(2), renewal);
    }

    [Fact]
    public void Compute_SubSecondResult_TruncatedToSecond()
    {
        var renewal = RenewalTime.Compute(NotBefore.AddMilliseconds(700), NotBefore.AddHours(1).AddMilliseconds(700), TimeSpan.FromMinutes(10), null);

        Assert.Equal(NotBefore.AddMinutes(50), renewal);
    }
}
