using CertMesh.Contracts;

namespace CertMesh.Domain.Resources;

/// <summary>One ACME order per CertificateRequest, named <c>&lt;request&gt;-&lt;hash&gt;</c>; owned by AcmeOrder.</summary>
public sealed record Order
{
    public ObjectMeta Metadata { get; init; } = new();
    public OrderSpec Spec { get; init; } = new();
    public OrderStatus Status { get; init; } = new();
}

public sealed record OrderSpec
{
    /// <summary>The CSR (PEM) sent at finalize.</summary>
    public string Request { get; init; } = "";
    public IssuerReference IssuerRef { get; init; } = new();
    public string? CommonName { get; init; }
    public IReadOnlyList<string> DnsNames { get; init; } = [];
    public IReadOnlyList<string> IpAddresses { get; init; } = [];
    public string? Duration { get; init; }
    /// <summary>The CertificateRequest (and so the Certificate and revision) this order serves.</summary>
    public string CertificateRequestName { get; init; } = "";
    public string CertificateName { get; init; } = "";
    public int Revision { get; init; }
    public Guid IssuanceId { get; init; }
}

public sealed record OrderStatus
{
    public string? Url { get; init; }
    public string? FinalizeUrl { get; init; }
    /// <summary>pending, ready, processing, valid, invalid, expired or errored (cert-manager's states).</summary>
    public string? State { get; init; }
    public string? Reason { get; init; }
    public DateTimeOffset? FailureTime { get; init; }
    public IReadOnlyList<OrderAuthorization> Authorizations { get; init; } = [];
    /// <summary>The downloaded chain (leaf first) once the order is valid.</summary>
    public string? Certificate { get; init; }
    /// <summary>
    /// CertMesh's own: how many attempts to finalize met a transient CA failure and were scheduled again. The short
    /// back-off grows with it and ends at its bound (creating the order counts on its command instead).
    /// </summary>
    public int? FinalizeFailures { get; init; }
}

public sealed record OrderAuthorization
{
    public string Url { get; init; } = "";
    public string Identifier { get; init; } = "";
    public bool Wildcard { get; init; }
    public string InitialState { get; init; } = "";
    /// <summary>The Challenge made for it (absent when the CA reused a valid authorization).</summary>
    public string? ChallengeName { get; init; }
    /// <summary>Where this order stands on it: pending, valid or invalid.</summary>
    public string State { get; init; } = "";
    public IReadOnlyList<OrderChallenge> Challenges { get; init; } = [];
}

public sealed record OrderChallenge
{
    public string Url { get; init; } = "";
    public string Type { get; init; } = "";
    public string Token { get; init; } = "";
}

public static class OrderStates
{
    public const string Pending = "pending";
    public const string Ready = "ready";
    public const string Processing = "processing";
    public const string Valid = "valid";
    public const string Invalid = "invalid";
    public const string Expired = "expired";
    public const string Errored = "errored";

    public static bool IsFinal(string? state) => state is Valid or Invalid or Expired or Errored;
}
