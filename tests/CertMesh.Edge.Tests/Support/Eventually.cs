using System.Diagnostics;

namespace CertMesh.Edge.Tests.Support;

/// <summary>Waits for a condition with a deadline; the deadline is a failure, never an assertion about speed.</summary>
internal static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await probe();
            if (done(value))
                return value;
            if (clock.Elapsed > limit)
                throw new TimeoutException($"timed out after {limit.TotalSeconds:0}s waiting for {what}; last value: {value}");
            await Task.Delay(50);
        }
    }
}
