using System.Text.Json;

namespace CertMesh.WebhookSolver.Payload;

/// <summary>A request that passed <see cref="PayloadValidator"/>: the fields an action needs, none of them missing.</summary>
internal sealed record Challenge(string Uid, string Action, string ResolvedFqdn, string ResolvedZone, string Key, JsonElement? Config);
