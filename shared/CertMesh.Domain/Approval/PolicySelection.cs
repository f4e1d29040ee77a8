using CertMesh.Domain.Validation;

namespace CertMesh.Domain.Approval;

/// <summary>
/// Whether a policy speaks for a request (approver-policy's selector predicates): its <c>issuerRef</c> patterns match
/// the request's issuer, with cert-manager's defaults (<c>Issuer</c>, <c>cert-manager.io</c>) filled in, and its
/// namespace selector matches the request's namespace by name and by the Namespace's labels.
/// </summary>
public static class PolicySelection
{
    public static bool Selects(PolicySelector selector, RequestFacts request, IReadOnlyDictionary<string, string> namespaceLabels)
    {
        // approver-policy refuses a policy with neither selector at admission; one stored anyway selects nothing.
        if (selector.IssuerRef is null && selector.Namespace is null)
        {
            return false;
        }
        return IssuerMatches(selector.IssuerRef, request) && NamespaceMatches(selector.Namespace, request.Namespace, namespaceLabels);
    }

    private static bool IssuerMatches(SelectorIssuerRef? issuerRef, RequestFacts request)
    {
        if (issuerRef is null)
        {
            return true;
        }
        var requested = request.IssuerRef;
        return Optional(issuerRef.Name, requested.Name)
            && Optional(issuerRef.Kind, CertificateDefaults.EffectiveIssuerKind(requested))
            && Optional(issuerRef.Group, CertificateDefaults.EffectiveIssuerGroup(requested));
    }

    private static bool NamespaceMatches(SelectorNamespace? selector, string @namespace, IReadOnlyDictionary<string, string> labels)
    {
        if (selector is null)
        {
            return true;
        }
        var names = selector.MatchNames ?? [];
        if (names.Count > 0 && !Wildcard.MatchesAny(names, @namespace))
        {
            return false;
        }
        return (selector.MatchLabels ?? new Dictionary<string, string>())
            .All(wanted => labels.TryGetValue(wanted.Key, out var value) && value == wanted.Value);
    }

    private static bool Optional(string? pattern, string value) => pattern is null || Wildcard.Matches(pattern, value);
}
