using CertMesh.Contracts.Dns;

namespace CertMesh.DnsWebhook.Changes;

/// <summary>
/// The checks a ChangeDnsRecord must pass before any provider is asked: every broken field is named at once, because
/// such a message can never succeed however often it is sent.
/// </summary>
internal static class ChangeRequestRules
{
    public static IReadOnlyList<string> Validate(ChangeDnsRecord request)
    {
        var errors = new List<string>();
        if (request.Action is not (DnsRecordActions.Present or DnsRecordActions.CleanUp))
            errors.Add($"{nameof(request.Action)}: must be {DnsRecordActions.Present} or {DnsRecordActions.CleanUp}, got '{request.Action}'");
        var fqdn = CheckName(request.ResolvedFqdn, nameof(request.ResolvedFqdn), errors);
        var zone = CheckName(request.ResolvedZone, nameof(request.ResolvedZone), errors);
        if (string.IsNullOrWhiteSpace(request.Key))
            errors.Add($"{nameof(request.Key)}: required (the TXT value)");
        if (fqdn is not null && zone is not null && !IsWithin(fqdn, zone))
            errors.Add($"{nameof(request.ResolvedFqdn)}: {request.ResolvedFqdn} is not in zone {request.ResolvedZone}");
        return errors;
    }

    /// <returns>the name without its trailing dot, or null (with an error) when it cannot go on the wire.</returns>
    static string? CheckName(string value, string field, List<string> errors)
    {
        var name = value.Trim().TrimEnd('.');
        if (name.Length == 0)
        {
            errors.Add($"{field}: required");
            return null;
        }
        if (name.Length > 253 || name.Split('.').Any(label => label.Length is 0 or > 63) || name.Any(c => c > 0x7f || char.IsWhiteSpace(c)))
        {
            errors.Add($"{field}: '{value}' is not a DNS name (ASCII labels of 1 to 63 characters, 253 in all)");
            return null;
        }
        return name;
    }

    /// <summary>Whether the name is the zone or below it, label by label and case-insensitively as DNS compares names.</summary>
    static bool IsWithin(string name, string zone) =>
        name.Equals(zone, StringComparison.OrdinalIgnoreCase) || name.EndsWith("." + zone, StringComparison.OrdinalIgnoreCase);
}
