namespace CertMesh.Domain.Authorization;

/// <summary>
/// May the sender of a bus message do this? The sender is the RabbitMQ user the broker verified (the message's
/// <c>user_id</c>), mapped onto the same principals and bindings as the Api's bearer tokens: the services' own users are
/// built-in admins, an application's user is whatever its principal is bound to.
/// </summary>
public static class BusAccess
{
    public const string NoUserId = "the message carries no user_id: RabbitMQ verifies it only when it is set";

    public static AccessDecision Decide(AccessSnapshot snapshot, string? verifiedUser, AccessRequest request)
    {
        // Without user_id the broker proved nothing, so there is nobody to authorize.
        if (string.IsNullOrEmpty(verifiedUser))
            return AccessDecision.Deny(NoUserId);
        var credential = snapshot.AuthenticateBusUser(verifiedUser);
        var user = $"RabbitMQ user \"{verifiedUser}\"";
        if (credential.Status == CredentialStatus.Disabled)
            return AccessDecision.Deny($"{user} (principal \"{credential.PrincipalName}\") is disabled");
        if (!credential.IsValid)
            return AccessDecision.Deny($"{user} is the rabbitmqUser of no Principal ({AuthKinds.ApiVersion}), so it cannot {request.Describe()}");
        var principal = credential.PrincipalName!;
        var decision = snapshot.Authorize(principal, request);
        if (decision.Allowed)
            return decision;
        // The snapshot words it for the principal ("principal "p" cannot …"); on the bus the user comes first.
        return AccessDecision.Deny($"{user} ({Unprefixed(decision.Message, principal)}");
    }

    static string Unprefixed(string message, string principal)
    {
        var prefix = $"principal \"{principal}\"";
        return message.StartsWith(prefix, StringComparison.Ordinal)
            ? $"{prefix}){message[prefix.Length..]}"
            : $"{prefix}): {message}";
    }
}
