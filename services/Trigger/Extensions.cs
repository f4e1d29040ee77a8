using CertMesh.Domain.Renewal;
using CertMesh.Hosting;
using CertMesh.Hosting.Bus;
using CertMesh.Hosting.Metrics;
using CertMesh.Hosting.Outbox;
using CertMesh.Trigger.Access;
using CertMesh.Trigger.Admission;
using CertMesh.Trigger.Commands;
using CertMesh.Trigger.Issuance;
using CertMesh.Trigger.Metrics;
using CertMesh.Trigger.Outcomes;
using CertMesh.Trigger.Renewal;

namespace CertMesh.Trigger;

internal static class Extensions
{
    public static void AddTriggerServices(this WebApplicationBuilder builder)
    {
        builder.AddCertMeshDefaults(bus =>
        {
            bus.AddTransactionalConsumer<IssueCertificateConsumer>();
            bus.AddTransactionalConsumer<RenewCertificateConsumer>();
            bus.AddTransactionalConsumer<DeleteCertificateConsumer>();
            // Trigger is the only writer of Certificates: the Issuing saga's outcomes land here.
            bus.AddTransactionalConsumer<IssuanceOutcomeConsumer>();
        });
        builder.Services.AddSingleton<IIssuanceLedger, UnitOfWorkLedger>();
        builder.Services.AddSingleton(RenewalSweepOptions.From(builder.Configuration));
        builder.Services.AddSingleton(CsrRequestOptions.From(builder.Configuration));
        builder.Services.AddSingleton<IssuanceStarter>();
        builder.Services.AddSingleton(AdmissionOptions.From(builder.Configuration));
        builder.Services.AddSingleton<BusCaller>();
        builder.Services.AddSingleton<CertificateAdmission>();
        builder.Services.AddHostedService<RenewalSweeper>();
        // Trigger owns Certificates, so it exports their series (and the issuers' readiness, which admission reads).
        builder.Services.AddSingleton(_ => new CertificateSeries(CertificateSeriesModes.Parse(builder.Configuration[CertificateSeriesModes.Setting])));
        builder.Services.AddResourceSeries<CertificateSeries>();
        builder.Services.AddResourceSeries<IssuerSeries>();
        // One table for every service's dispatcher: its backlog is exported once, from here.
        builder.Services.AddHostedService<OutboxBacklogGauges>();
    }
}
