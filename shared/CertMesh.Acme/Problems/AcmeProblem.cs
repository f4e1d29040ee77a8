namespace CertMesh.Acme.Problems;

/// <summary>An RFC 7807 problem document as RFC 8555 section 6.7 extends it (identifier, subproblems).</summary>
public sealed record AcmeProblem
{
    public string Type { get; init; } = "about:blank";

    public string? Detail { get; init; }

    public int? Status { get; init; }

    public Orders.AcmeIdentifier? Identifier { get; init; }

    public IReadOnlyList<AcmeProblem> Subproblems { get; init; } = [];

    /// <summary>True when <see cref="Type"/> is the ACME error named <paramref name="shortName"/> (e.g. "badNonce").</summary>
    public bool Is(string shortName) => Type == AcmeProblemTypes.Prefix + shortName;

    public override string ToString()
    {
        string text = Detail is null ? Type : $"{Type}: {Detail}";
        if (Identifier is not null)
        {
            text = $"{text} ({Identifier.Type} {Identifier.Value})";
        }

        return Subproblems.Count == 0 ? text : $"{text} [{string.Join("; ", Subproblems)}]";
    }
}
