namespace CertMesh.Edge;

/// <summary>The Edge's slow reconcile passes (tokens, certificates): one loop, so both stop and fail alike.</summary>
internal static class Periodically
{
    /// <summary>
    /// Runs <paramref name="pass"/> every <paramref name="period"/> until stopping. A failed pass is handed to
    /// <paramref name="failed"/> and the next tick tries again: memory keeps what events delivered meanwhile.
    /// </summary>
    public static async Task RunAsync(TimeSpan period, TimeProvider time, Func<CancellationToken, Task> pass, Action<Exception> failed, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(period, time);
        while (await NextTickAsync(timer, stoppingToken))
        {
            try
            {
                await pass(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                failed(exception);
            }
        }
    }

    static async Task<bool> NextTickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false; // stopping
        }
    }
}
