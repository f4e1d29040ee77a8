using System.Net;
using CertMesh.Cli.Resources;

namespace CertMesh.Cli.Http;

/// <summary>Turns a failed API answer into the message kubectl would print.</summary>
internal static class ApiErrors
{
    /// <summary>Said after a 401 when no token went along: the Api's own message cannot know where the CLI looks for one.</summary>
    public const string TokenHint = "hint: pass a Principal's token with --token or $CERTMESH_TOKEN (certmesh auth new-token makes one)";

    public static CliException From(ApiResponse response, ApiClient api, KindInfo? kind = null, string? name = null) =>
        response.Status switch
        {
            HttpStatusCode.NotFound when kind is not null && name is not null =>
                new CliException($"Error from server (NotFound): {kind.Resource} \"{name}\" not found"),
            HttpStatusCode.Unauthorized => new CliException(Unauthorized(response, api)),
            HttpStatusCode.Forbidden => new CliException($"error: {WithReason(response.ServerMessage(), "forbidden")}"),
            _ => new CliException($"Error from server ({Reason(response.Status)}): {response.ServerMessage()}"),
        };

    /// <summary><c>error: Unauthorized: token "laptop" of principal "alice" has expired</c>, plus where a token goes if none was sent.</summary>
    private static string Unauthorized(ApiResponse response, ApiClient api)
    {
        var line = $"error: {WithReason(response.ServerMessage(), "Unauthorized")}";
        return api.HasToken ? line : $"{line}\n{TokenHint}";
    }

    /// <summary>
    /// The Api's Status messages already start with their reason ("forbidden: principal …"); a proxy's or an older
    /// server's do not, so the reason is added only when missing, never twice.
    /// </summary>
    internal static string WithReason(string message, string reason)
    {
        if (message.Equals(reason, StringComparison.OrdinalIgnoreCase)) return reason;
        return message.StartsWith(reason + ":", StringComparison.OrdinalIgnoreCase) ? message : $"{reason}: {message}";
    }

    private static string Reason(HttpStatusCode status) => status switch
    {
        HttpStatusCode.UnprocessableEntity => "Invalid",
        HttpStatusCode.InternalServerError => "InternalError",
        HttpStatusCode.GatewayTimeout => "Timeout",
        _ => status.ToString(),
    };
}
