namespace CertMesh.WebhookSolver.Tests.Support;

/// <summary>One app per test class, configured with BIND's real key; tests that need other settings start their own.</summary>
public sealed class SolverFixture : IAsyncLifetime
{
    SolverHost? host;

    internal SolverHost Host => host ?? throw new InvalidOperationException("the solver host has not started");

    public async Task InitializeAsync() => host = await SolverHost.StartAsync();

    public async Task DisposeAsync()
    {
        if (host is not null)
            await host.DisposeAsync();
    }
}
