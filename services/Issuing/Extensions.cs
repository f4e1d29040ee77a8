using CertMesh.Domain.Authorization;
using CertMesh.Hosting;
using CertMesh.Issuing.Approval;
using CertMesh.Hosting.Bus;
using CertMesh.Issuing.Cleanup;
using CertMesh.Issuing.Metrics;
using CertMesh.Issuing.Sagas;
using CertMesh.Issuing.Signers;
using CertMesh.Issuing.Workflow;
using CertMesh.Persistence.Sagas;
using MassTransit;

namespace CertMesh.Issuing;

internal static class Extensions
{
    public static void AddIssuingServices(this WebApplicationBuilder builder)
    {
        builder.AddCertMeshDefaults(bus =>
        {
            bus.AddSagaStateMachine<IssuanceStateMachine, IssuanceState>().PostgresRepository();
            bus.AddTransactionalConsumer<CertificateDeletedConsumer>();
        });
        builder.Services.AddSingleton(new SignerOptions(builder.Configuration["CERTMESH_CLUSTER_RESOURCE_NAMESPACE"] ?? "cert-manager"));
        builder.Services.AddSingleton<IIssuerSigner, SelfSignedSigner>();
        builder.Services.AddSingleton<IIssuerSigner, CaSigner>();
        builder.Services.AddSingleton(ApprovalOptions.From(builder.Configuration));
        builder.Services.AddSingleton<ApprovalPolicies>();
        builder.Services.AddSingleton(new IssuerUseOptions(ClusterIssuerUse.Parse(builder.Configuration[ClusterIssuerUse.Setting])));
        builder.Services.AddSingleton<IssuanceMetrics>();
        builder.Services.AddSingleton<IIssuanceSteps, IssuanceWorkflow>();
    }
}
