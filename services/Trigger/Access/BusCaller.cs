using CertMesh.Domain.Authorization;
using CertMesh.Domain.Resources;
using CertMesh.Domain.Validation;
using CertMesh.Hosting.Authorization;
using CertMesh.Hosting.Bus;
using CertMesh.Persistence.Audit;
using CertMesh.Persistence.Database;
using MassTransit;

namespace CertMesh.Trigger.Access;

/// <summary>
/// The one check every command to Trigger passes: the sender is the RabbitMQ user the broker verified (the message's
/// <c>user_id</c>, see <see cref="BusUserStamp"/>), and that user's principal must hold <c>verb</c> on Certificates in
/// the message's namespace. Every outcome goes to the audit log with the command's commit; refusals change nothing else.
/// </summary>
/// <remarks>
/// Why the broker's <c>user_id</c> rather than an exchange per namespace: one topology serves every namespace, a new grant
/// needs no change to RabbitMQ permissions, and bus callers are the same principals and bindings the Api authorizes.
/// </remarks>
internal sealed partial class BusCaller(AccessCache access, ILogger<BusCaller> logger)
{
    public async Task<BusAuthorization> AuthorizeAsync(ConsumeContext context, UnitOfWork unit, string verb, string @namespace, string name)
    {
        var user = context.BrokerVerifiedUser();
        var snapshot = await access.CurrentAsync(context.CancellationToken);
        var decision = BusAccess.Decide(snapshot, user, new AccessRequest(verb, ResourceKinds.Certificate, @namespace));
        var actor = Actor(context, snapshot, user);
        if (!decision.Allowed)
        {
            LogRefused(user ?? "(none)", verb, @namespace, context.MessageId, decision.Message);
            unit.Audit.Record(actor, AuditChannels.Bus, verb, ResourceKinds.Certificate, @namespace, name, AuditOutcomes.Forbidden, decision.Message);
        }
        return new BusAuthorization(decision, actor);
    }

    /// <summary>The command was carried out: its audit line, with what it did.</summary>
    public static void Accepted(UnitOfWork unit, BusAuthorization authorization, string verb, string @namespace, string name, string outcome) =>
        unit.Audit.Record(authorization.Actor, AuditChannels.Bus, verb, ResourceKinds.Certificate, @namespace, name, AuditOutcomes.Allowed, outcome);

    /// <summary>
    /// Who to name in events and the audit log. A system user (the Api) may say which of its principals it acts for, in
    /// <see cref="RequestedBy.Header"/>; from anyone else that header is ignored, since only the user is proven.
    /// </summary>
    static string Actor(ConsumeContext context, AccessSnapshot snapshot, string? user)
    {
        if (string.IsNullOrEmpty(user))
            return "RabbitMQ user (none)";
        var credential = snapshot.AuthenticateBusUser(user);
        var principal = credential.PrincipalName;
        if (principal is not null && principal == BuiltInPrincipal.ForBusUser(user)
            && context.Headers.Get<string>(RequestedBy.Header) is { Length: > 0 } requestedBy)
            return $"{ValueExcerpt.Short(requestedBy)} via the Api";
        return principal is null ? $"RabbitMQ user \"{user}\"" : $"RabbitMQ user \"{user}\" (principal \"{principal}\")";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused bus command from RabbitMQ user {User}: {Verb} Certificate in namespace {Namespace} (message {MessageId}): {Reason}")]
    partial void LogRefused(string user, string verb, string @namespace, Guid? messageId, string reason);
}

/// <summary>The decision on one command and how its sender is named.</summary>
internal sealed record BusAuthorization(AccessDecision Decision, string Actor)
{
    public bool Allowed => Decision.Allowed;
}
