using CertMesh.Contracts;

namespace CertMesh.Edge.Certificates;

/// <summary>The Certificate one route asks for, as the command that creates or updates it.</summary>
/// <param name="IssuerKey">the Metadata key that named the issuer, so errors about the issuer point at it.</param>
internal sealed record RouteCertificate(string RouteId, IssueCertificate Command, string IssuerKey)
{
    public string Name => Command.Name;
}

/// <summary>What a route's Metadata and hosts say: its Certificate (null when it names no issuer) or why they are invalid.</summary>
internal sealed record RouteCertificateMapping(RouteCertificate? Certificate, IReadOnlyList<string> Errors)
{
    public static RouteCertificateMapping None { get; } = new(null, []);
}
