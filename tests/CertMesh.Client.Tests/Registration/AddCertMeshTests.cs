using CertMesh.Client.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Xunit;

namespace CertMesh.Client.Tests.Registration;

public sealed class AddCertMeshTests
{
    static ServiceProvider Build(Action<CertMeshOptions>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CertMesh:RabbitMq:Username"] = "sample-app",
            ["CertMesh:RabbitMq:Password"] = "secret",
            ["CertMesh:Certificates:checkout:Namespace"] = "shop",
            ["CertMesh:Certificates:checkout:Spec:IssuerRef:Name"] = "shop-ca-issuer",
            ["CertMesh:Certificates:checkout:Spec:DnsNames:0"] = "checkout.example.test",
        }).Build();
        var services = new ServiceCollection();
        services.AddCertMesh(configuration, configure);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void AddCertMesh_CertificatesFromConfigurationAndCode_OneHealthCheckEach()
    {
        using var provider = Build(o => o.Certificates.Add("payments", new CertMeshCertificateOptions
        {
            Namespace = "shop",
            Spec = new CertMesh.Contracts.CertificateSpec
            {
                IssuerRef = new CertMesh.Contracts.IssuerReference { Name = "shop-ca-issuer" },
                DnsNames = ["payments.example.test"],
            },
        }));

        var names = provider.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations
            .Select(r => r.Name).Where(n => n.StartsWith("certmesh-", StringComparison.Ordinal));

        Assert.Equal(["certmesh-checkout", "certmesh-payments"], names.Order());
    }

    [Fact]
    public void AddCertMesh_InvalidCodeDeclaredCertificate_OptionsFailNamingIt()
    {
        using var provider = Build(o => o.Certificates.Add("payments", new CertMeshCertificateOptions { Namespace = "shop" }));

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<CertMeshOptions>>().Value);

        Assert.Contains("CertMesh:Certificates:payments:Spec:IssuerRef:Name (spec.issuerRef.name): required", exception.Failures);
    }
}
