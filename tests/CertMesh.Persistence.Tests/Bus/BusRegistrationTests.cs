using CertMesh.Hosting.Bus;
using CertMesh.Hosting.Configuration;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CertMesh.Persistence.Tests.Bus;

public sealed class BusRegistrationTests
{
    [Fact]
    public void AddCertMeshBus_AnyService_SendsNoUsageTelemetry()
    {
        var services = new ServiceCollection();
        services.AddCertMeshBus(new CertMeshSettings(), _ => { });

        using var provider = services.BuildServiceProvider();

        Assert.False(provider.GetRequiredService<IOptions<UsageTelemetryOptions>>().Value.Enabled);
    }
}
