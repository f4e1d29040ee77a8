using CertMesh.Contracts.Issuers;
using CertMesh.Domain.Resources;
using CertMesh.Hosting.Bus;
using CertMesh.Persistence.Database;
using CertMesh.Persistence.Resources;
using MassTransit;

namespace CertMesh.AcmeOrder.Accounts;

/// <summary>
/// An issuer was created or changed: register (or confirm) its ACME account so its Ready condition says whether
/// certificates can be ordered. Issuers of other types are none of AcmeOrder's business.
/// </summary>
[Inbox("acmeorder:issuer-changed")]
internal sealed class IssuerChangedConsumer(AccountRegistrar registrar) : IConsumer<IssuerChanged>
{
    public async Task Consume(ConsumeContext<IssuerChanged> context)
    {
        var message = context.Message;
        if (message.Kind is not (ResourceKinds.Issuer or ResourceKinds.ClusterIssuer))
            return;
        var unit = context.UnitOfWork();
        var key = message.Kind == ResourceKinds.ClusterIssuer
            ? new ResourceKey(ResourceKinds.ClusterIssuer, ResourceKinds.ClusterNamespace, message.Name)
            : new ResourceKey(ResourceKinds.Issuer, message.Namespace, message.Name);
        // Missing or not ACME: the outcome says so and nothing was written; the inbox mark still commits.
        await registrar.EnsureAsync(unit, key, context.CancellationToken);
    }
}
