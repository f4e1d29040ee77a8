using System.Text.Json;
using CertMesh.Cli.Resources;

namespace CertMesh.Cli.Status;

/// <summary>The ACME part of <c>status certificate</c>: the order(s) and challenges, when the API sends them.</summary>
internal static class AcmeStatusPrinter
{
    public static void Write(StatusWriter w, JsonElement status)
    {
        var orders = status.At("order") switch
        {
            { ValueKind: JsonValueKind.Object } one => [one],
            { ValueKind: JsonValueKind.Array } many => many.EnumerateArray().ToList(),
            _ => new List<JsonElement>(),
        };
        foreach (var order in orders)
        {
            w.Line(0, "Order:");
            w.Field(1, "Name", order.Text("metadata", "name"));
            w.Field(1, "State", $"{order.Text("status", "state")}, Reason: {order.Text("status", "reason")}");
            var authorizations = order.Items("status", "authorizations").ToList();
            if (authorizations.Count > 0)
            {
                w.Line(1, "Authorizations:");
                foreach (var a in authorizations)
                    w.Line(2, $"Identifier: {a.Text("identifier")}, Initial State: {a.Text("initialState")}, Wildcard: {a.Text("wildcard") ?? "false"}");
            }
            if (order.At("events") is { ValueKind: JsonValueKind.Array } orderEvents)
                w.Events(1, orderEvents.EnumerateArray().ToList());
        }

        var challenges = status.Items("challenges").ToList();
        if (challenges.Count == 0) return;
        w.Line(0, "Challenges:");
        foreach (var c in challenges)
        {
            w.Line(0, $"- Name: {c.Text("metadata", "name")}, Type: {c.Text("spec", "type")}, Token: {c.Text("spec", "token")}, "
                + $"Key: {c.Text("spec", "key")}, State: {c.Text("status", "state")}, Reason: {c.Text("status", "reason")}, "
                + $"Processing: {c.Text("status", "processing") ?? "false"}, Presented: {c.Text("status", "presented") ?? "false"}");
            // DNS-01: where the TXT value went, so a stuck check can be dug at that name (it may be a CNAME target).
            if (c.Text("status", "resolvedFqdn") is { Length: > 0 } fqdn)
                w.Field(1, "DNS Record", c.Text("status", "resolvedZone") is { Length: > 0 } zone ? $"TXT {fqdn} in zone {zone}" : $"TXT {fqdn}");
            // Which replica holds it and what the last self-check saw: the first things to look at when one hangs.
            if (c.Text("status", "solvedBy") is { } solvedBy)
                w.Field(1, "Solver", $"{solvedBy} ({SolverType(c)})");
            if (c.Text("status", "selfCheck") is { } selfCheck)
                w.Field(1, "Self Check", $"{selfCheck} (attempts: {c.Text("status", "selfCheckAttempts") ?? "0"})");
            if (c.At("events") is { ValueKind: JsonValueKind.Array } challengeEvents)
                w.Events(1, challengeEvents.EnumerateArray().ToList());
        }
    }

    static string SolverType(JsonElement challenge) =>
        challenge.At("spec", "solver", "dns01") is not null ? "dns01 solver" : "http01 solver";
}
