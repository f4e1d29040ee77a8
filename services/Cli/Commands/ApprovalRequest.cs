using System.Text;
using System.Text.Json;
using CertMesh.Cli.Arguments;
using CertMesh.Cli.Http;
using CertMesh.Cli.Resources;

namespace CertMesh.Cli.Commands;

/// <summary>What <c>approve</c> and <c>deny</c> share: their flags and the call that carries the decision.</summary>
internal static class ApprovalRequest
{
    public static readonly Flag Reason = new("reason", null, "the reason for the decision, one word (the condition's reason)", "REASON");
    public static readonly Flag Message = new("message", null, "the message for the decision (the condition's message)", "MESSAGE");

    /// <summary>Posts the decision; the Api answers 409 for a request already approved or denied.</summary>
    public static async Task SendAsync(CliContext context, string path, string name, string? reason, string? message, CancellationToken ct)
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, string?> { ["reason"] = reason, ["message"] = message }
            .Where(e => e.Value is not null).ToDictionary());
        var response = await context.Api.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"), ct);
        if (!response.IsSuccess) throw ApiErrors.From(response, context.Api, Kinds.CertificateRequest, name);
    }
}
