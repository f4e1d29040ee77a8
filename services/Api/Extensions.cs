using CertMesh.Api.Apply;
using CertMesh.Api.Auth;
using CertMesh.Api.Endpoints;
using CertMesh.Api.Issuers;
using CertMesh.Contracts;
using CertMesh.Hosting;
using MassTransit;

namespace CertMesh.Api;

internal static class Extensions
{
    public static void AddApiServices(this WebApplicationBuilder builder)
    {
        builder.AddCertMeshDefaults(bus =>
        {
            bus.AddRequestClient<IssueCertificate>(RequestTimeout.After(s: 30));
            bus.AddRequestClient<RenewCertificate>(RequestTimeout.After(s: 30));
            bus.AddRequestClient<DeleteCertificate>(RequestTimeout.After(s: 30));
        });
        builder.Services.AddSingleton(new ApiToken(builder.Configuration["CERTMESH_API_TOKEN"]));
        builder.Services.AddSingleton(new SignerNamespace(builder.Configuration["CERTMESH_CLUSTER_RESOURCE_NAMESPACE"] ?? "cert-manager"));
        builder.Services.AddSingleton<IssuerStatusProjector>();
        builder.Services.AddScoped<ManifestApplier>();
        builder.Services.AddSingleton<ResourceReader>();
    }

    public static void MapApiEndpoints(this WebApplication app)
    {
        app.MapApplyEndpoints();
        app.MapResourceEndpoints();
        app.MapStatusEndpoints();
        app.MapCertificateCommandEndpoints();
        app.MapSecretEndpoints();
    }
}
