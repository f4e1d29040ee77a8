using System.Net;
using CertMesh.Cli.Resources;

namespace CertMesh.Cli.Http;

/// <summary>Turns a failed API answer into the message kubectl would print.</summary>
internal static class ApiErrors
{
    public static CliException From(ApiResponse response, ApiClient api, KindInfo? kind = null, string? name = null) =>
        response.Status switch
        {
            HttpStatusCode.NotFound when kind is not null && name is not null =>
                new CliException($"Error from server (NotFound): {kind.Resource} \"{name}\" not found"),
            HttpStatusCode.Unauthorized when api.HasToken =>
                new CliException($"error: unauthorized (401): the CertMesh API rejected the token: {response.ServerMessage()}"),
            HttpStatusCode.Unauthorized =>
                new CliException("error: unauthorized (401): the CertMesh API needs a bearer token; set CERTMESH_TOKEN or pass --token"),
            HttpStatusCode.Forbidden =>
                new CliException($"error: forbidden (403): {response.ServerMessage()}"),
            _ => new CliException($"Error from server ({Reason(response.Status)}): {response.ServerMessage()}"),
        };

    private static string Reason(HttpStatusCode status) => status switch
    {
        HttpStatusCode.UnprocessableEntity => "Invalid",
        HttpStatusCode.InternalServerError => "InternalError",
        HttpStatusCode.GatewayTimeout => "Timeout",
        _ => status.ToString(),
    };
}
