namespace CertMesh.Contracts;

public sealed record X509Subject
{
    public IReadOnlyList<string>? Organizations { get; init; }
    public IReadOnlyList<string>? Countries { get; init; }
    public IReadOnlyList<string>? OrganizationalUnits { get; init; }
    public IReadOnlyList<string>? Localities { get; init; }
    public IReadOnlyList<string>? Provinces { get; init; }
    public IReadOnlyList<string>? StreetAddresses { get; init; }
    public IReadOnlyList<string>? PostalCodes { get; init; }
    public string? SerialNumber { get; init; }
}
