using System.Diagnostics;

namespace CertMesh.Testing;

/// <summary>Waits until a service process started by a test answers <c>/health</c>, failing at once if it exits.</summary>
public static class HealthProbe
{
    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };

    public static async Task WaitAsync(Process process, Uri baseAddress, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"{what} exited with code {process.ExitCode} during start-up; see its log");
            try
            {
                using var response = await Http.GetAsync(new Uri(baseAddress, "/health"));
                if (response.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{what} was not healthy at {baseAddress} within {timeout}");
    }
}
