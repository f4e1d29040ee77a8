using System.Text.Json;
using CertMesh.Cli.Http;
using CertMesh.Cli.Output;
using CertMesh.Cli.Resources;

namespace CertMesh.Cli.Commands;

/// <summary>
/// <c>get events</c>: the Api's audit log (every write, refusal and rejected token) in one namespace or all, as
/// <c>kubectl get events</c> prints its events: how long ago, who, through what, did what to which object, and how it went.
/// </summary>
internal static class EventList
{
    public static async Task<int> RunAsync(CliContext context, string? ns, string? format, CancellationToken ct)
    {
        var response = await context.Api.GetAsync(ApiPaths.Events(ns), ct);
        if (!response.IsSuccess) throw ApiErrors.From(response, context.Api);
        switch (format)
        {
            case "json":
                await context.Out.WriteLineAsync(JsonText.Indent(response.Body));
                return ExitCodes.Success;
            case "yaml":
                await context.Out.WriteAsync(YamlText.From(response.Json()));
                return ExitCodes.Success;
        }
        var items = response.Json().Items("items").ToList();
        if (items.Count == 0)
        {
            await context.Err.WriteLineAsync(ns is null ? "No resources found" : $"No resources found in {ns} namespace.");
            return ExitCodes.Success;
        }
        // The Api sends newest first; the table puts the newest last, next to the prompt, as kubectl events does.
        items.Reverse();
        await context.Out.WriteAsync(Format(items, allNamespaces: ns is null, wide: format == "wide", context.Time.GetUtcNow()));
        return ExitCodes.Success;
    }

    internal static string Format(IReadOnlyList<JsonElement> items, bool allNamespaces, bool wide, DateTimeOffset now)
    {
        var headers = new List<string>();
        if (allNamespaces) headers.Add("NAMESPACE");
        headers.Add("LAST SEEN");
        if (wide) headers.Add("TIME");
        headers.AddRange(["ACTOR", "VIA", "VERB", "OBJECT", "OUTCOME", "MESSAGE"]);
        return Table.Format(headers, items.Select(item => Row(item, allNamespaces, wide, now)));
    }

    private static IReadOnlyList<string> Row(JsonElement e, bool allNamespaces, bool wide, DateTimeOffset now)
    {
        var row = new List<string>();
        if (allNamespaces) row.Add(e.Text("namespace") ?? "");
        row.Add(HumanDuration.Age(e.Text("time"), now));
        if (wide) row.Add(e.Text("time") ?? "");
        row.AddRange([e.Text("actor") ?? "", e.Text("via") ?? "", e.Text("verb") ?? "", Object(e), e.Text("outcome") ?? "", e.Text("message") ?? ""]);
        return row;
    }

    /// <summary><c>certificate/web</c> as kubectl names an event's object; empty for a call refused before it named one.</summary>
    private static string Object(JsonElement e)
    {
        var kind = e.Text("kind") ?? "";
        var name = e.Text("name") ?? "";
        var resource = kind.Length == 0 ? "" : Kinds.FromStored(kind)?.Singular ?? kind.ToLowerInvariant();
        return (resource, name) switch
        {
            ("", _) => name,
            (_, "") => resource,
            _ => $"{resource}/{name}",
        };
    }
}
