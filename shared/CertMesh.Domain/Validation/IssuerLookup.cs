using System.Text.Json;
using CertMesh.Domain.Resources;

namespace CertMesh.Domain.Validation;

/// <summary>
/// What the caller found for <c>spec.issuerRef</c>. Validation stays pure (no store access): the caller looks the
/// issuer up and passes the facts the rules need.
/// </summary>
public sealed record IssuerLookup
{
    public bool Found { get; init; }
    public IssuerType? Type { get; init; }
    /// <summary>ACME only: every solver is HTTP-01, so wildcard names (which need DNS-01) cannot be validated.</summary>
    public bool AcmeHttp01Only { get; init; }

    public static IssuerLookup NotFound { get; } = new();

    public static IssuerLookup Of(IssuerType type, bool acmeHttp01Only = false) =>
        new() { Found = true, Type = type, AcmeHttp01Only = type == IssuerType.Acme && acmeHttp01Only };

    /// <summary>The lookup for a stored Issuer/ClusterIssuer, or <see cref="NotFound"/> for null.</summary>
    public static IssuerLookup From(Issuer? issuer)
    {
        if (issuer is null)
        {
            return NotFound;
        }
        var spec = issuer.Spec;
        if (spec.Acme is { } acme)
        {
            return Of(IssuerType.Acme, HasOnlyHttp01Solvers(acme));
        }
        return spec.Ca is not null ? Of(IssuerType.Ca)
            : spec.SelfSigned is not null ? Of(IssuerType.SelfSigned)
            : spec.Vault is not null ? Of(IssuerType.Vault)
            : new IssuerLookup { Found = true };
    }

    private static bool HasOnlyHttp01Solvers(JsonElement acme)
    {
        if (acme.ValueKind != JsonValueKind.Object || !acme.TryGetProperty("solvers", out var solvers) ||
            solvers.ValueKind != JsonValueKind.Array || solvers.GetArrayLength() == 0)
        {
            return false;
        }
        return solvers.EnumerateArray().All(s =>
            s.ValueKind == JsonValueKind.Object && s.TryGetProperty("http01", out _) && !s.TryGetProperty("dns01", out _));
    }
}
