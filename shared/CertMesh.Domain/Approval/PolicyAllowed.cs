namespace CertMesh.Domain.Approval;

/// <summary>
/// What a request may ask for. A request may ask for less, never more: an omitted field means the request must not
/// carry that attribute at all (approver-policy's <c>allowed</c>).
/// </summary>
public sealed record PolicyAllowed
{
    public AllowedString? CommonName { get; init; }
    public AllowedStringSlice? DnsNames { get; init; }
    public AllowedStringSlice? IpAddresses { get; init; }
    public AllowedStringSlice? Uris { get; init; }
    public AllowedStringSlice? EmailAddresses { get; init; }
    /// <summary><c>true</c> lets a request set <c>isCA</c>; omitted or <c>false</c> forbids it.</summary>
    public bool? IsCA { get; init; }
    /// <summary>The request's <c>usages</c> must be a subset; omitted or empty allows none.</summary>
    public IReadOnlyList<string>? Usages { get; init; }
    public AllowedSubject? Subject { get; init; }
}

/// <summary>One single-valued attribute: <see cref="Value"/> is a wildcard pattern; <see cref="Required"/> means the
/// request must carry it.</summary>
public sealed record AllowedString
{
    public string? Value { get; init; }
    public bool? Required { get; init; }
    /// <summary>approver-policy's CEL rules; CertMesh has no CEL, so a policy using them is refused at apply.</summary>
    public IReadOnlyList<ValidationRule>? Validations { get; init; }
}

/// <summary>A list attribute: every requested value must match one of <see cref="Values"/> (wildcard patterns).</summary>
public sealed record AllowedStringSlice
{
    public IReadOnlyList<string>? Values { get; init; }
    public bool? Required { get; init; }
    public IReadOnlyList<ValidationRule>? Validations { get; init; }
}

public sealed record ValidationRule
{
    public string Rule { get; init; } = "";
    public string? Message { get; init; }
}

/// <summary>The subject attributes a request may carry; an omitted field forbids that attribute.</summary>
public sealed record AllowedSubject
{
    public AllowedStringSlice? Organizations { get; init; }
    public AllowedStringSlice? Countries { get; init; }
    public AllowedStringSlice? OrganizationalUnits { get; init; }
    public AllowedStringSlice? Localities { get; init; }
    public AllowedStringSlice? Provinces { get; init; }
    public AllowedStringSlice? StreetAddresses { get; init; }
    public AllowedStringSlice? PostalCodes { get; init; }
    public AllowedString? SerialNumber { get; init; }
}
