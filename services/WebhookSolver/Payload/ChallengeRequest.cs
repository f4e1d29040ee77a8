using System.Text.Json;

namespace CertMesh.WebhookSolver.Payload;

/// <summary>The request half of a ChallengePayload, as cert-manager's pkg/acme/webhook/apis/acme/v1alpha1 defines it.</summary>
internal sealed record ChallengeRequest
{
    public string? Uid { get; init; }

    /// <summary><see cref="ChallengeActions.Present"/> or <see cref="ChallengeActions.CleanUp"/>.</summary>
    public string? Action { get; init; }

    public string? Type { get; init; }
    public string? DnsName { get; init; }

    /// <summary>The TXT value to publish (the base64url SHA-256 of the key authorization).</summary>
    public string? Key { get; init; }

    public string? ResourceNamespace { get; init; }

    /// <summary>Where the TXT record goes, CNAMEs already followed, with a trailing dot.</summary>
    public string? ResolvedFQDN { get; init; }

    /// <summary>The zone that holds <see cref="ResolvedFQDN"/>, found by cert-manager's SOA walk.</summary>
    public string? ResolvedZone { get; init; }

    public bool AllowAmbientCredentials { get; init; }

    /// <summary>The issuer's dns01.webhook.config, passed through verbatim; this solver's shape is SolverConfig.</summary>
    public JsonElement? Config { get; init; }
}

internal static class ChallengeActions
{
    public const string Present = "Present";
    public const string CleanUp = "CleanUp";
}
