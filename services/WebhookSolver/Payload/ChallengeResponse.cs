namespace CertMesh.WebhookSolver.Payload;

/// <summary>The response half: success, or a Status saying why not (cert-manager shows its message on the Challenge).</summary>
internal sealed record ChallengeResponse(string Uid, bool Success, KubernetesStatus? Status = null)
{
    public static ChallengeResponse Succeeded(string uid) => new(uid, true);

    public static ChallengeResponse Failed(string uid, KubernetesStatus status) => new(uid, false, status);
}
