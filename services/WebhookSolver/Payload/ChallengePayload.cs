namespace CertMesh.WebhookSolver.Payload;

/// <summary>
/// The webhook.acme.cert-manager.io/v1alpha1 ChallengePayload envelope: cert-manager sends it with a request and
/// reads it back with a response. Everything is nullable because the body is untrusted until validated.
/// </summary>
internal sealed record ChallengePayload
{
    public const string ApiVersionValue = "webhook.acme.cert-manager.io/v1alpha1";
    public const string KindValue = "ChallengePayload";

    public string? ApiVersion { get; init; } = ApiVersionValue;
    public string? Kind { get; init; } = KindValue;
    public ChallengeRequest? Request { get; init; }
    public ChallengeResponse? Response { get; init; }

    public static ChallengePayload Answer(ChallengeResponse response) => new() { Response = response };
}
