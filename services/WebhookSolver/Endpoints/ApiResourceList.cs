namespace CertMesh.WebhookSolver.Endpoints;

/// <summary>
/// The meta/v1 APIResourceList a webhook's extension API server publishes at /apis/{group}/{version}: the
/// Kubernetes aggregation layer reads it to learn that {solver} accepts "create" of ChallengePayload.
/// </summary>
internal sealed record ApiResourceList
{
    public string Kind => "APIResourceList";
    public string ApiVersion => "v1";
    public required string GroupVersion { get; init; }
    public required IReadOnlyList<ApiResource> Resources { get; init; }
}

internal sealed record ApiResource(string Name, string SingularName, bool Namespaced, string Kind, IReadOnlyList<string> Verbs);
