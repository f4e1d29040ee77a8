using CertMesh.WebhookSolver.Configuration;
using CertMesh.WebhookSolver.Payload;

namespace CertMesh.WebhookSolver.Endpoints;

/// <summary>What makes this look like a real webhook to its callers and to Kubernetes: health and API discovery.</summary>
internal static class DiscoveryEndpoints
{
    public static void MapDiscoveryEndpoints(this WebApplication app)
    {
        // /healthz as Kubernetes probes it; /health as CertMesh's scripts and containers probe every service.
        app.MapGet("/healthz", () => "ok");
        app.MapGet("/health", () => "ok");

        app.MapGet("/apis/{group}/{version}", (string group, string version, SolverOptions options) =>
            options.Serves(group, version)
                ? Results.Json(Describe(options), PayloadJson.Options)
                : SolverEndpoints.Status(NotServed(options, $"{group}/{version}")));
    }

    public static ApiResourceList Describe(SolverOptions options) => new()
    {
        GroupVersion = $"{options.GroupName}/{SolverOptions.Version}",
        Resources = [new ApiResource(options.SolverName, options.SolverName, Namespaced: false, ChallengePayload.KindValue, ["create"])],
    };

    /// <summary>Kubernetes' own 404 wording, followed by what this webhook does serve so a typo in an issuer is obvious.</summary>
    public static KubernetesStatus NotServed(SolverOptions options, string asked) => KubernetesStatus.NotFound(
        $"the server could not find the requested resource: {asked} is not served here; " +
        $"this webhook serves groupName {options.GroupName}, version {SolverOptions.Version}, solverName {options.SolverName}");
}
