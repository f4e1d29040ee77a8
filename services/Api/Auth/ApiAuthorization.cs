using CertMesh.Domain.Authorization;
using CertMesh.Hosting.Audit;
using CertMesh.Persistence.Audit;

namespace CertMesh.Api.Auth;

/// <summary>
/// One question per endpoint: may the caller do this here? A refusal is a 403 naming the verb, kind and namespace (and
/// the role that would allow it); refused writes are audited. Reads are not audited (they change nothing and would
/// drown the log).
/// </summary>
internal static class ApiAuthorization
{
    /// <summary>Null when allowed, else the 403 to return.</summary>
    public static IResult? Refuse(this HttpContext context, string verb, string kind, string? @namespace, string name = "")
    {
        var caller = context.Caller();
        var decision = caller.Can(verb, kind, @namespace);
        if (decision.Allowed)
            return null;
        if (verb is not (Verbs.Get or Verbs.List))
            context.Audit(verb, kind, @namespace ?? "", name, AuditOutcomes.Forbidden, decision.Message);
        return ApiRefusals.Forbidden(decision);
    }

    public static void Audit(this HttpContext context, string verb, string kind, string @namespace, string name, string outcome, string message)
    {
        var time = context.RequestServices.GetRequiredService<TimeProvider>();
        context.RequestServices.GetRequiredService<AuditTrail>().Record(
            new AuditEntry(time.GetUtcNow(), context.Caller().Actor, AuditChannels.Api, verb, kind, @namespace, name, outcome, message));
    }
}
