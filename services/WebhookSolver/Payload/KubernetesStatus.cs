namespace CertMesh.WebhookSolver.Payload;

/// <summary>A meta/v1 Status, the shape Kubernetes API servers (and cert-manager webhooks) report failures in.</summary>
internal sealed record KubernetesStatus
{
    public string ApiVersion => "v1";
    public string Kind => "Status";
    public string Status => "Failure";
    public required string Message { get; init; }
    public required string Reason { get; init; }
    public required int Code { get; init; }

    public static KubernetesStatus Of(int code, string reason, string message) => new() { Code = code, Reason = reason, Message = message };
    public static KubernetesStatus BadRequest(string message) => Of(400, StatusReasons.BadRequest, message);
    public static KubernetesStatus NotFound(string message) => Of(404, StatusReasons.NotFound, message);
}

/// <summary>
/// Reason strings. All but the last are Kubernetes' own StatusReason values; Kubernetes has none for an upstream
/// that refused, so 502 gets a name of the same style.
/// </summary>
internal static class StatusReasons
{
    public const string BadRequest = "BadRequest";
    public const string Forbidden = "Forbidden";
    public const string NotFound = "NotFound";
    public const string Timeout = "Timeout";
    public const string BadGateway = "BadGateway";
}
