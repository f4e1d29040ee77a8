using CertMesh.Client.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CertMesh.Client.Lifecycle;

/// <summary>
/// Holds start-up until every declared certificate is being served, so Kestrel (which the host starts after the
/// application's hosted services) serves a certificate from its very first connection. Registered after the bus's
/// hosted service, which with <c>WaitUntilStarted</c> has the bus up by then.
/// </summary>
internal sealed class CertificateStartup(CertificateAgents agents, IOptions<CertMeshOptions> options, TimeProvider time) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var limit = options.Value.StartupTimeout;
        using var timeout = new CancellationTokenSource(limit, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await Task.WhenAll(agents.All.Select(a => a.StartAsync(linked.Token)));
            await Task.WhenAll(agents.All.Select(a => a.Slot.FirstCertificate.WaitAsync(linked.Token)));
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var missing = agents.All.Where(a => a.Slot.Current is null).Select(a => a.Definition.Display);
            throw new TimeoutException(
                $"CertMesh: no certificate for {string.Join(", ", missing)} within {limit} ({CertMeshOptions.SectionName}:StartupTimeout); " +
                $"see `certmesh status certificate <name> -n <namespace>` for what CertMesh is waiting for");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
