using System.Diagnostics;

namespace CertMesh.Testing;

/// <summary>Waits for a condition with a deadline; the deadline is a failure, never an assertion about speed.</summary>
public static class Eventually
{
    static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    public static Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null) =>
        UntilAsync(probe, done, timeout ?? DefaultTimeout, what);

    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await probe();
            if (done(value))
                return value;
            if (clock.Elapsed > timeout)
                throw new TimeoutException($"timed out after {timeout.TotalSeconds:0}s waiting for {what}; last value: {value}");
            await Task.Delay(PollInterval);
        }
    }

    public static async Task<T> WithTimeout<T>(this Task<T> task, TimeSpan timeout, string what)
    {
        try
        {
            return await task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"timed out after {timeout.TotalSeconds:0}s waiting for {what}");
        }
    }
}
