using CertMesh.Domain.Authorization;
using CertMesh.Domain.Validation;

namespace CertMesh.Api.Manifests;

/// <summary>What makes an access document valid, one small check per field; each error names the field and why.</summary>
internal static class AccessRules
{
    const int MaxTokens = 20;
    const int MaxSubjects = 100;
    const int MaxNames = 1000;

    public static IEnumerable<(string Field, string Message)> Check(object resource) => resource switch
    {
        Principal principal => CheckPrincipal(principal.Spec),
        RoleBinding binding => CheckBinding(binding),
        ClusterIssuerGrant grant => CheckGrant(grant.Spec),
        _ => [],
    };

    static IEnumerable<(string, string)> CheckPrincipal(PrincipalSpec spec)
    {
        var tokens = spec.Tokens ?? [];
        if (tokens.Count > MaxTokens)
            yield return ("spec.tokens", $"Too many: {tokens.Count}: must have at most {MaxTokens} items");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Math.Min(tokens.Count, MaxTokens); i++)
        {
            var field = $"spec.tokens[{i}]";
            var token = tokens[i];
            if (token.Id.Length == 0)
                yield return ($"{field}.id", "Required value: names the token in the audit log");
            else if (ResourceNames.CheckName(token.Id) is { } problem)
                yield return ($"{field}.id", $"Invalid value: {ValueExcerpt.Quote(token.Id)}: {problem}");
            else if (!ids.Add(token.Id))
                yield return ($"{field}.id", $"Duplicate value: {ValueExcerpt.Quote(token.Id)}");
            if (!TokenHash.IsHash(token.Sha256))
                // The value is not quoted: what was pasted here by mistake is often the token itself.
                yield return ($"{field}.sha256", "Invalid value: must be the 64 lower-case hex characters of the token's SHA-256 (certmesh auth new-token prints it); the token itself is never stored, and the value given is not repeated here");
        }
        if (spec.RabbitMqUser is { } user && !IsRabbitMqUser(user))
            yield return ("spec.rabbitmqUser", $"Invalid value: {ValueExcerpt.Quote(user)}: 1 to 64 characters of letters, digits, '.', '_' and '-'");
    }

    static IEnumerable<(string, string)> CheckBinding(RoleBinding binding)
    {
        var spec = binding.Spec;
        var allowed = binding.Kind == AuthKinds.ClusterRoleBinding ? Roles.All : Roles.Namespaced;
        if (spec.Role.Length == 0)
            yield return ("spec.role", $"Required value: one of {string.Join(", ", allowed)}");
        else if (!allowed.Contains(spec.Role))
        {
            var hint = spec.Role == Roles.Admin ? " (admin is cluster-wide: bind it with a ClusterRoleBinding)" : "";
            yield return ("spec.role", $"Unsupported value: {ValueExcerpt.Quote(spec.Role)}: supported values: {string.Join(", ", allowed.Select(r => $"\"{r}\""))}{hint}");
        }
        if (spec.Subjects.Count == 0)
            yield return ("spec.subjects", "Required value: at least one Principal");
        if (spec.Subjects.Count > MaxSubjects)
            yield return ("spec.subjects", $"Too many: {spec.Subjects.Count}: must have at most {MaxSubjects} items");
        for (var i = 0; i < Math.Min(spec.Subjects.Count, MaxSubjects); i++)
        {
            var subject = spec.Subjects[i];
            if (subject.Kind != AuthKinds.Principal)
                yield return ($"spec.subjects[{i}].kind", $"Unsupported value: {ValueExcerpt.Quote(subject.Kind)}: supported values: \"{AuthKinds.Principal}\"");
            if (ResourceNames.CheckName(subject.Name) is { } problem)
                yield return ($"spec.subjects[{i}].name", $"Invalid value: {ValueExcerpt.Quote(subject.Name)}: {problem}");
        }
    }

    static IEnumerable<(string, string)> CheckGrant(ClusterIssuerGrantSpec spec)
    {
        foreach (var error in CheckNames("spec.clusterIssuers", spec.ClusterIssuers, ResourceNames.CheckName))
            yield return error;
        foreach (var error in CheckNames("spec.namespaces", spec.Namespaces, ResourceNames.CheckNamespace))
            yield return error;
    }

    static IEnumerable<(string, string)> CheckNames(string field, IReadOnlyList<string> names, Func<string, string?> check)
    {
        if (names.Count == 0)
            yield return (field, "Required value: at least one name, or \"*\" for all");
        if (names.Count > MaxNames)
            yield return (field, $"Too many: {names.Count}: must have at most {MaxNames} items");
        for (var i = 0; i < Math.Min(names.Count, MaxNames); i++)
        {
            if (names[i] != "*" && check(names[i]) is { } problem)
                yield return ($"{field}[{i}]", $"Invalid value: {ValueExcerpt.Quote(names[i])}: {problem}");
        }
    }

    static bool IsRabbitMqUser(string user) =>
        user.Length is > 0 and <= 64 && user.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
}
