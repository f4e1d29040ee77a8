using System.Text.RegularExpressions;
using CertMesh.Contracts;
using CertMesh.Domain.Resources;
using CertMesh.Hosting.Bus;
using CertMesh.Persistence.Database;
using CertMesh.Persistence.Resources;
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
        // Orders are <certificate>-<revision>-<hash>: this matches the certificate's and no other's ("web-1" has "web-1-2-…").
        var ownOrder = new Regex($"^{Regex.Escape(message.Name)}-[0-9]+-[0-9]+$", RegexOptions.CultureInvariant);
        foreach (var challenge in await unit.Resources.ListAsync<Challenge>(ResourceKinds.Challenge, message.Namespace, cancellationToken))
        {
            if (!ownOrder.IsMatch(challenge.Document.Spec.OrderName))
                continue;
            var key = new ResourceKey(ResourceKinds.Challenge, message.Namespace, challenge.Document.Metadata.Name);
            await unit.Resources.DeleteAsync(key, cancellationToken);
            await unit.Events.DeleteAsync(key, cancellationToken);
        }
    }
}
