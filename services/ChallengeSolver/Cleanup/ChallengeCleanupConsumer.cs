using CertMesh.Contracts;
using CertMesh.Domain.Resources;
using CertMesh.Hosting.Bus;
using CertMesh.Persistence.Database;
using MassTransit;

namespace CertMesh.ChallengeSolver.Cleanup;

/// <summary>
/// After a Certificate is deleted its Challenges go too, as cert-manager's owner references cascade. One still
/// being solved has its token removed by the worker when it ends, which tolerates the missing resource.
/// </summary>
[Inbox("challengesolver:certificate-deleted")]
internal sealed class ChallengeCleanupConsumer : IConsumer<CertificateDeleted>
{
    public async Task Consume(ConsumeContext<CertificateDeleted> context)
    {
        var message = context.Message;
        var cancellationToken = context.CancellationToken;
        var unit = context.UnitOfWork();
        // Found by the certificate-name label (or, made before it, the order name <certificate>-<revision>-<hash>)
        // through its index: the certificate's own Challenges (and their events), not every Challenge of the namespace.
        await unit.Resources.DeleteOwnedByCertificateAsync(ResourceKinds.Challenge, message.Namespace, message.Name, cancellationToken);
    }
}
