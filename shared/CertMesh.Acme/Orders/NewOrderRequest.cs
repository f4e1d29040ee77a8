namespace CertMesh.Acme.Orders;

/// <summary>
/// What to ask newOrder for. Optional fields are sent only when set: some CAs reject <c>notBefore</c>/<c>notAfter</c>,
/// <c>profile</c> (profiles draft) or <c>replaces</c> (RFC 9773) outright.
/// </summary>
public sealed record NewOrderRequest
{
    public required IReadOnlyList<AcmeIdentifier> Identifiers { get; init; }

    public DateTimeOffset? NotBefore { get; init; }

    public DateTimeOffset? NotAfter { get; init; }

    /// <summary>A profile name from the directory's <c>meta.profiles</c>.</summary>
    public string? Profile { get; init; }

    /// <summary>The ARI certificate identifier of the certificate this order renews.</summary>
    public string? Replaces { get; init; }
}
