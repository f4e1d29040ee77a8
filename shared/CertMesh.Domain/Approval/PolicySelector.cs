namespace CertMesh.Domain.Approval;

/// <summary>Which requests a policy is consulted for. Every selector given must match; at least one must be given
/// (<c>issuerRef: {}</c> matches every issuer).</summary>
public sealed record PolicySelector
{
    public SelectorIssuerRef? IssuerRef { get; init; }
    public SelectorNamespace? Namespace { get; init; }
}

/// <summary>Wildcard (<c>*</c>) patterns on the request's <c>issuerRef</c>; an omitted field matches anything.</summary>
public sealed record SelectorIssuerRef
{
    public string? Name { get; init; }
    public string? Kind { get; init; }
    public string? Group { get; init; }
}

/// <summary>The request's namespace: one of <see cref="MatchNames"/> (wildcards) and all of <see cref="MatchLabels"/>
/// on the Namespace; an omitted field matches any namespace.</summary>
public sealed record SelectorNamespace
{
    public IReadOnlyList<string>? MatchNames { get; init; }
    public IReadOnlyDictionary<string, string>? MatchLabels { get; init; }
}
