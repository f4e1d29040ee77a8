namespace CertMesh.WebhookSolver.Solving;

/// <summary>
/// Where the TXT value goes: resolvedFQDN inside resolvedZone. Checked here so a bad name is a 400 naming the
/// field, not an UPDATE the server answers NOTZONE or an encoding error deep in the DNS writer.
/// </summary>
internal sealed record ChallengeTarget(string Zone, string Fqdn)
{
    // RFC 1035 §2.3.4, in presentation form without the trailing dot.
    const int MaxNameLength = 253;
    const int MaxLabelLength = 63;

    public static ChallengeTarget? Parse(string fqdn, string zone, List<string> errors)
    {
        var before = errors.Count;
        CheckName(fqdn, "request.resolvedFQDN", errors);
        CheckName(zone, "request.resolvedZone", errors);
        if (errors.Count > before)
            return null;

        var name = fqdn.TrimEnd('.');
        var apex = zone.TrimEnd('.');
        var inside = apex.Length == 0
            || name.Equals(apex, StringComparison.OrdinalIgnoreCase)
            || name.EndsWith("." + apex, StringComparison.OrdinalIgnoreCase);
        if (!inside)
        {
            errors.Add($"request.resolvedFQDN '{fqdn}' is not inside request.resolvedZone '{zone}'");
            return null;
        }
        return new ChallengeTarget(zone, fqdn);
    }

    static void CheckName(string value, string field, List<string> errors)
    {
        var name = value.TrimEnd('.');
        if (name.Length > MaxNameLength)
            errors.Add($"{field} is {name.Length} characters; DNS names are at most {MaxNameLength}");
        else if (!name.All(char.IsAscii))
            errors.Add($"{field} '{value}' must be ASCII (IDNA-encoded)");
        else if (name.Length > 0 && name.Split('.').Any(label => label.Length is 0 or > MaxLabelLength))
            errors.Add($"{field} '{value}' has an empty label or one longer than {MaxLabelLength} characters");
    }
}
