using CertMesh.Contracts;

namespace CertMesh.Domain.Approval;

/// <summary>
/// What a CertificateRequest asks for, as policies judge it: the names and subject from its CSR, its key's algorithm
/// and size, and from its spec the issuer, duration, usages and <c>isCA</c>. Built by <see cref="RequestFactsReader"/>.
/// </summary>
public sealed record RequestFacts
{
    public string Namespace { get; init; } = "";
    public IssuerReference IssuerRef { get; init; } = new();
    public string? CommonName { get; init; }
    public IReadOnlyList<string> DnsNames { get; init; } = [];
    public IReadOnlyList<string> IpAddresses { get; init; } = [];
    public IReadOnlyList<string> Uris { get; init; } = [];
    public IReadOnlyList<string> EmailAddresses { get; init; } = [];
    public RequestSubject Subject { get; init; } = new();
    public IReadOnlyList<string> Usages { get; init; } = [];
    public bool IsCA { get; init; }
    /// <summary>The duration the certificate will be signed for (the spec's, else CertMesh's 90-day default).</summary>
    public TimeSpan Duration { get; init; }
    /// <summary><c>RSA</c>, <c>ECDSA</c>, <c>Ed25519</c> or the key's OID.</summary>
    public string KeyAlgorithm { get; init; } = "";
    /// <summary>Bits (RSA modulus, EC curve size); -1 where size has no meaning (Ed25519).</summary>
    public int KeySize { get; init; }
}

/// <summary>The CSR subject's attributes besides the common name, every value of each (duplicates kept).</summary>
public sealed record RequestSubject
{
    public IReadOnlyList<string> Organizations { get; init; } = [];
    public IReadOnlyList<string> Countries { get; init; } = [];
    public IReadOnlyList<string> OrganizationalUnits { get; init; } = [];
    public IReadOnlyList<string> Localities { get; init; } = [];
    public IReadOnlyList<string> Provinces { get; init; } = [];
    public IReadOnlyList<string> StreetAddresses { get; init; } = [];
    public IReadOnlyList<string> PostalCodes { get; init; } = [];
    public IReadOnlyList<string> SerialNumbers { get; init; } = [];
}
