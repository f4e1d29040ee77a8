using System.Text.Json;
using CertMesh.Contracts;

namespace CertMesh.Domain.Resources;

/// <summary>One ACME authorization to prove, named <c>&lt;order&gt;-&lt;hash&gt;</c>; owned by ChallengeSolver.</summary>
public sealed record Challenge
{
    public ObjectMeta Metadata { get; init; } = new();
    public ChallengeSpec Spec { get; init; } = new();
    public ChallengeStatus Status { get; init; } = new();
}

public sealed record ChallengeSpec
{
    public string Url { get; init; } = "";
    public string AuthorizationUrl { get; init; } = "";
    public string DnsName { get; init; } = "";
    public bool Wildcard { get; init; }
    /// <summary><c>HTTP-01</c> or <c>DNS-01</c> as cert-manager prints it; the ACME type in lower case.</summary>
    public string Type { get; init; } = "";
    public string Token { get; init; } = "";
    public string Key { get; init; } = "";
    /// <summary>The issuer's solver entry that was selected.</summary>
    public JsonElement? Solver { get; init; }
    public IssuerReference IssuerRef { get; init; } = new();
    public string OrderName { get; init; } = "";
    public Guid OrderId { get; init; }
}

public sealed record ChallengeStatus
{
    /// <summary>True while a solver replica holds it (scheduled and not finished).</summary>
    public bool Processing { get; init; }
    public bool Presented { get; init; }
    /// <summary>pending, processing, valid, invalid, expired or errored.</summary>
    public string? State { get; init; }
    public string? Reason { get; init; }
    /// <summary>The replica that holds (or last held) it.</summary>
    public string? SolvedBy { get; init; }
    /// <summary>The last self-check's outcome, e.g. "passed" or what the GET returned instead.</summary>
    public string? SelfCheck { get; init; }
    public DateTimeOffset? SelfCheckTime { get; init; }
    public int SelfCheckAttempts { get; init; }
    /// <summary>
    /// DNS-01: where the TXT value goes, absolute (<c>_acme-challenge.example.test.</c>, or the end of its CNAME chain
    /// under <c>cnameStrategy: Follow</c>). Decided once, before presenting, so clean-up removes from the same place.
    /// </summary>
    public string? ResolvedFqdn { get; init; }
    /// <summary>DNS-01: the zone holding <see cref="ResolvedFqdn"/>, found by the SOA walk (<c>example.test.</c>).</summary>
    public string? ResolvedZone { get; init; }
}

public static class ChallengeStates
{
    public const string Pending = "pending";
    public const string Processing = "processing";
    public const string Valid = "valid";
    public const string Invalid = "invalid";
    public const string Expired = "expired";
    public const string Errored = "errored";

    public static bool IsFinal(string? state) => state is Valid or Invalid or Expired or Errored;
}
