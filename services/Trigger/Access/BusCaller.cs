using CertMesh.Domain.Authorization;
using CertMesh.Domain.Resources;
using CertMesh.Hosting.Authorization;
using CertMesh.Hosting.Bus;
using MassTransit;

namespace CertMesh.Trigger.Access;

/// <summary>
/// The one check every command to Trigger passes: the sender is the RabbitMQ user the broker verified (the message's
/// <c>user_id</c>, see <see cref="BusUserStamp"/>), and that user's principal must hold <c>verb</c> on Certificates in
/// the message's namespace. Refusals are logged (the audit trail) and change nothing.
/// </summary>
/// <remarks>
/// Why the broker's <c>user_id</c> rather than an exchange per namespace: one topology serves every namespace, a new grant
/// needs no change to RabbitMQ permissions, and bus callers are the same principals and bindings the Api authorizes.
/// </remarks>
internal sealed partial class BusCaller(AccessCache access, ILogger<BusCaller> logger)
{
    public async Task<AccessDecision> AuthorizeAsync(ConsumeContext context, string verb, string @namespace)
    {
        var user = context.BrokerVerifiedUser();
        var snapshot = await access.CurrentAsync(context.CancellationToken);
        var decision = BusAccess.Decide(snapshot, user, new AccessRequest(verb, ResourceKinds.Certificate, @namespace));
        if (!decision.Allowed)
            LogRefused(user ?? "(none)", verb, @namespace, context.MessageId, decision.Message);
        return decision;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused bus command from RabbitMQ user {User}: {Verb} Certificate in namespace {Namespace} (message {MessageId}): {Reason}")]
    partial void LogRefused(string user, string verb, string @namespace, Guid? messageId, string reason);
}
