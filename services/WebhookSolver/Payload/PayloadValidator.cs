namespace CertMesh.WebhookSolver.Payload;

/// <summary>
/// The checks that make a body a usable ChallengePayload request; each names its field and all of them run,
/// so one 400 lists every problem. The solver's own config is checked later, as a failed response, not here.
/// </summary>
internal static class PayloadValidator
{
    delegate string? RequestCheck(ChallengePayload payload, ChallengeRequest request);

    static readonly RequestCheck[] Checks =
    [
        (payload, _) => payload.ApiVersion is null or ChallengePayload.ApiVersionValue ? null
            : $"apiVersion must be {ChallengePayload.ApiVersionValue}, not '{payload.ApiVersion}'",
        (payload, _) => payload.Kind is null or ChallengePayload.KindValue ? null
            : $"kind must be {ChallengePayload.KindValue}, not '{payload.Kind}'",
        (_, request) => Required(request.Uid, "request.uid"),
        (_, request) => request.Action switch
        {
            ChallengeActions.Present or ChallengeActions.CleanUp => null,
            null or "" => "request.action is required",
            var other => $"request.action must be {ChallengeActions.Present} or {ChallengeActions.CleanUp}, not '{other}'",
        },
        // cert-manager only calls DNS solvers for dns-01; anything else reached the wrong kind of solver.
        (_, request) => request.Type is null or "" or "dns-01" ? null : $"request.type must be dns-01, not '{request.Type}'",
        (_, request) => Required(request.ResolvedFQDN, "request.resolvedFQDN"),
        (_, request) => Required(request.ResolvedZone, "request.resolvedZone"),
        (_, request) => Required(request.Key, "request.key"),
    ];

    /// <summary>The challenge to act on, or null and every problem with the payload.</summary>
    public static Challenge? Validate(ChallengePayload payload, out IReadOnlyList<string> errors)
    {
        if (payload.Request is not { } request)
        {
            errors = ["request is required"];
            return null;
        }
        errors = Checks.Select(check => check(payload, request)).OfType<string>().ToList();
        return errors.Count > 0 ? null
            : new Challenge(request.Uid!, request.Action!, request.ResolvedFQDN!, request.ResolvedZone!, request.Key!, request.Config);
    }

    static string? Required(string? value, string field) => string.IsNullOrWhiteSpace(value) ? $"{field} is required" : null;
}
