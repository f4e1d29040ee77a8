using CertMesh.Domain.Resources;

namespace CertMesh.Domain.Authorization;

/// <summary>
/// Every principal, binding and ClusterIssuer grant at one moment, indexed for the questions asked on every call:
/// who holds this token or RabbitMQ user, and may that principal do this here. Built from the stored resources (a few
/// hundred at most), so a call costs dictionary lookups, not queries.
/// </summary>
public sealed class AccessSnapshot
{
    readonly Dictionary<string, (string Principal, PrincipalToken Token, bool Disabled)> _tokens = new(StringComparer.Ordinal);
    readonly Dictionary<string, (string Principal, bool Disabled)> _busUsers = new(StringComparer.Ordinal);
    readonly Dictionary<string, List<(string? Namespace, string Role)>> _grants = new(StringComparer.Ordinal);
    readonly List<ClusterIssuerGrant> _issuerGrants;

    AccessSnapshot(List<ClusterIssuerGrant> issuerGrants) => _issuerGrants = issuerGrants;

    public static AccessSnapshot Build(
        IEnumerable<Principal> principals,
        IEnumerable<RoleBinding> bindings,
        IEnumerable<ClusterIssuerGrant> issuerGrants,
        IEnumerable<BuiltInPrincipal> builtIns)
    {
        var snapshot = new AccessSnapshot(issuerGrants.ToList());
        foreach (var builtIn in builtIns)
        {
            if (builtIn.TokenSha256 is { } hash)
                snapshot._tokens[hash] = (builtIn.Name, new PrincipalToken { Id = "bootstrap", Sha256 = hash }, false);
            if (builtIn.RabbitMqUser is { } user)
                snapshot._busUsers[user] = (builtIn.Name, false);
            snapshot.Grant(builtIn.Name, null, Roles.Admin);
        }
        foreach (var principal in principals)
        {
            var name = principal.Metadata.Name;
            foreach (var token in principal.Spec.Tokens ?? [])
                snapshot._tokens.TryAdd(token.Sha256, (name, token, principal.Spec.Disabled));
            if (principal.Spec.RabbitMqUser is { Length: > 0 } user)
                snapshot._busUsers.TryAdd(user, (name, principal.Spec.Disabled));
        }
        foreach (var binding in bindings)
        {
            // A RoleBinding holds in its namespace; a ClusterRoleBinding everywhere (null).
            var where = binding.Kind == AuthKinds.ClusterRoleBinding ? null : binding.Metadata.Namespace;
            foreach (var subject in binding.Spec.Subjects.Where(s => s.Kind == AuthKinds.Principal))
                snapshot.Grant(subject.Name, where, binding.Spec.Role);
        }
        return snapshot;
    }

    void Grant(string principal, string? @namespace, string role)
    {
        if (!_grants.TryGetValue(principal, out var list))
            _grants[principal] = list = [];
        list.Add((@namespace, role));
    }

    /// <summary>The principal holding <paramref name="token"/> (taken verbatim: a token with a stray space is another token).</summary>
    public Credential AuthenticateToken(string? token, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(token))
            return Credential.Missing;
        if (token.Length > TokenHash.MaxTokenLength)
            return Credential.Unknown;
        var hash = TokenHash.Of(token);
        if (!_tokens.TryGetValue(hash, out var entry) || !TokenHash.Same(hash, entry.Token.Sha256))
            return Credential.Unknown;
        if (entry.Disabled)
            return Credential.Disabled(entry.Principal);
        if (entry.Token.Revoked)
            return Credential.Revoked(entry.Principal, entry.Token.Id);
        if (entry.Token.Expires is { } expires && expires <= now)
            return Credential.Expired(entry.Principal, entry.Token.Id);
        return Credential.Valid(entry.Principal, entry.Token.Id);
    }

    /// <summary>The principal bound to a RabbitMQ user the broker has verified; unknown users hold nothing.</summary>
    public Credential AuthenticateBusUser(string? user)
    {
        if (string.IsNullOrEmpty(user))
            return Credential.Missing;
        if (!_busUsers.TryGetValue(user, out var entry))
            return Credential.Unknown;
        return entry.Disabled ? Credential.Disabled(entry.Principal) : Credential.Valid(entry.Principal, null);
    }

    public AccessDecision Authorize(string principal, AccessRequest request)
    {
        var grants = _grants.GetValueOrDefault(principal) ?? [];
        foreach (var (where, role) in grants)
        {
            var applies = where is null || (request.Namespace == where && !RolePermissions.IsClusterScoped(request.Kind));
            if (applies && RolePermissions.Allows(role, request))
                return AccessDecision.Allow(where is null ? $"allowed by cluster role {role}" : $"allowed by role {role} in namespace \"{where}\"");
        }
        if (RolePermissions.AllowedToEveryone(request))
            return AccessDecision.Allow("allowed to every principal");
        return AccessDecision.Deny($"principal \"{principal}\" cannot {request.Describe()}{Hint(request)}");
    }

    /// <summary>Whether Certificates in <paramref name="namespace"/> may name the ClusterIssuer (cert-manager's <c>use</c>).</summary>
    public bool MayUseClusterIssuer(string @namespace, string clusterIssuer) =>
        _issuerGrants.Any(g => Matches(g.Spec.Namespaces, @namespace) && Matches(g.Spec.ClusterIssuers, clusterIssuer));

    public static string ClusterIssuerRefusal(string @namespace, string clusterIssuer) =>
        $"namespace \"{@namespace}\" may not use ClusterIssuer \"{clusterIssuer}\": no ClusterIssuerGrant ({AuthKinds.ApiVersion}) lists both; an admin grants it";

    /// <summary>The roles a principal holds, for <c>certmesh auth whoami</c>.</summary>
    public IReadOnlyList<(string? Namespace, string Role)> RolesOf(string principal) =>
        _grants.GetValueOrDefault(principal) ?? [];

    static bool Matches(IReadOnlyList<string> patterns, string value) => patterns.Any(p => p == "*" || p == value);

    static string Hint(AccessRequest request)
    {
        var role = RolePermissions.LeastRoleFor(request);
        if (role is null || request.Namespace is null)
            return $" (needs cluster role {role ?? Roles.Admin})";
        return $" (needs role {role} in namespace \"{request.Namespace}\")";
    }
}
