using System.Text;
using System.Text.Json;
using CertMesh.Cli.Output;
using CertMesh.Cli.Resources;

namespace CertMesh.Cli.Status;

/// <summary>The building blocks of <c>cmctl status</c> output: indented fields, condition lines, event tables.</summary>
internal sealed class StatusWriter(DateTimeOffset now)
{
    private readonly StringBuilder text = new();

    public override string ToString() => text.ToString();

    public StatusWriter Line(int indent, string line)
    {
        text.Append(' ', indent * 2).Append(line).Append('\n');
        return this;
    }

    public StatusWriter Field(int indent, string label, string? value) => Line(indent, $"{label}: {value}");

    public void Conditions(int indent, JsonElement resource)
    {
        var conditions = resource.Items("status", "conditions").ToList();
        if (conditions.Count == 0)
        {
            Line(indent, "Conditions: <none>");
            return;
        }
        Line(indent, "Conditions:");
        foreach (var c in conditions)
            Line(indent + 1, $"{c.Text("type")}: {c.Text("status")}, Reason: {c.Text("reason")}, Message: {c.Text("message")}");
    }

    public void Events(int indent, IReadOnlyList<JsonElement> events)
    {
        if (events.Count == 0)
        {
            Line(indent, "Events:  <none>");
            return;
        }
        Line(indent, "Events:");
        var rows = events.Select(e => (IReadOnlyList<string>)
            [e.Text("type") ?? "", e.Text("reason") ?? "", HumanDuration.Age(e.Text("time"), now), e.Text("message") ?? ""]);
        var table = Table.Format(["Type", "Reason", "Age", "Message"], [["----", "------", "----", "-------"], .. rows]);
        foreach (var row in table.Split('\n', StringSplitOptions.RemoveEmptyEntries)) Line(indent + 1, row);
    }

    public void List(int indent, string label, IEnumerable<string> values)
    {
        var list = values.ToList();
        if (list.Count == 0) return;
        Line(indent, $"{label}:");
        foreach (var value in list) Line(indent, $"- {value}");
    }
}
