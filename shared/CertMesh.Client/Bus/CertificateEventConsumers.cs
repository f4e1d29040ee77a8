using CertMesh.Client.Lifecycle;
using CertMesh.Contracts;
using MassTransit;

namespace CertMesh.Client.Bus;

// The public events reach every subscriber, for every Certificate: each consumer hands over only those of a
// certificate this application declared, and ignores the rest.

/// <summary>A revision was issued: served if it is for one of this application's certificates and keys.</summary>
internal sealed class CertificateIssuedConsumer(CertificateAgents agents) : IConsumer<CertificateIssued>
{
    public Task Consume(ConsumeContext<CertificateIssued> context) =>
        agents.Find(context.Message.Namespace, context.Message.Name)?.OnIssuedAsync(context.Message, context.CancellationToken) ?? Task.CompletedTask;
}

/// <summary>An issuance attempt failed: recorded for the health check.</summary>
internal sealed class CertificateIssuanceFailedConsumer(CertificateAgents agents) : IConsumer<CertificateIssuanceFailed>
{
    public Task Consume(ConsumeContext<CertificateIssuanceFailed> context)
    {
        agents.Find(context.Message.Namespace, context.Message.Name)?.OnFailed(context.Message);
        return Task.CompletedTask;
    }
}

/// <summary>CertMesh asks for a CSR from a new key: answered with IssueCertificate.</summary>
internal sealed class CertificateRenewalRequestedConsumer(CertificateAgents agents) : IConsumer<CertificateRenewalRequested>
{
    public Task Consume(ConsumeContext<CertificateRenewalRequested> context) =>
        agents.Find(context.Message.Namespace, context.Message.Name)?.OnRenewalRequestedAsync(context.Message, context.CancellationToken) ?? Task.CompletedTask;
}
