using CertMesh.Cli.Arguments;
using CertMesh.Cli.Http;
using CertMesh.Cli.Output;
using CertMesh.Cli.Resources;

namespace CertMesh.Cli.Commands;

/// <summary><c>certmesh get KIND [NAME]</c>: one resource or a list, as a kubectl table, JSON or YAML.</summary>
internal sealed class GetCommand : ICommand
{
    private static readonly Flag Output = new("output", 'o', "output format: json, yaml or wide", "FORMAT");
    private static readonly Flag Out = new("out", null, "with secret NAME: write each key of the Secret as a file in DIR (needs role secrets)", "DIR");

    public string Name => "get";
    public string Summary => "Display one or many resources";
    public string Usage => """
        Usage:
          certmesh get KIND [NAME] [-n NS | -A] [-o json|yaml|wide]
          certmesh get secret NAME [-n NS] --out DIR

        KIND is certificate(s)/cert(s), certificaterequest(s)/cr(s), issuer(s), clusterissuer(s)/ciss,
        order(s), challenge(s), secret(s), or who may do what: principal(s), rolebinding(s),
        clusterrolebinding(s), clusterissuergrant(s).
        events/ev lists the audit log (every write, refusal and rejected token), newest last.

        Examples:
          certmesh get certificates -A
          certmesh get cert web -n shop -o yaml
          certmesh get secret web-tls -n shop --out ./web-tls
          certmesh get principals
          certmesh get events -n shop
        """;
    public IReadOnlyList<Flag> Flags => [Flag.Namespace, Flag.AllNamespaces, Output, Out];

    public async Task<int> RunAsync(ParsedArgs args, CliContext context, CancellationToken ct)
    {
        args.AllowAtMost(2, Name);
        var kind = Kinds.Resolve(args.Require(0, "resource type, e.g. \"certmesh get certificates\""));
        var name = args.Positionals.Count > 1 ? args.Positionals[1] : null;
        var format = args.Value(Output.Long);
        if (format is not (null or "json" or "yaml" or "wide"))
            throw new UsageException($"unable to match a printer suitable for the output format \"{format}\", allowed formats are: json,yaml,wide");
        var allNamespaces = args.Has(Flag.AllNamespaces.Long);
        if (allNamespaces && name is not null)
            throw new UsageException("a resource cannot be retrieved by name across all namespaces");

        if (args.Value(Out.Long) is { } directory)
        {
            if (kind != Kinds.Secret || name is null) throw new UsageException("--out works only with \"get secret NAME\"");
            return await SecretDownload.RunAsync(context, args.Namespace, name, directory, ct);
        }

        if (kind == Kinds.Event)
        {
            if (name is not null) throw new UsageException("events have no names: use \"certmesh get events [-n NS | -A]\"");
            return await EventList.RunAsync(context, allNamespaces ? null : args.Namespace, format, ct);
        }

        var yaml = format == "yaml";
        var path = name is null
            ? ApiPaths.List(kind, allNamespaces ? null : args.Namespace, yaml)
            : ApiPaths.Get(kind, args.Namespace, name, yaml);
        var response = await context.Api.GetAsync(path, ct);
        if (!response.IsSuccess) throw ApiErrors.From(response, context.Api, kind, name);

        if (yaml)
        {
            await context.Out.WriteAsync(response.Body.EndsWith('\n') ? response.Body : response.Body + "\n");
            return ExitCodes.Success;
        }
        if (format == "json")
        {
            await context.Out.WriteLineAsync(JsonText.Indent(response.Body));
            return ExitCodes.Success;
        }
        var json = response.Json();
        var items = name is null ? json.Items("items").ToList() : [json];
        if (items.Count == 0)
        {
            await context.Err.WriteLineAsync(allNamespaces || !kind.Namespaced
                ? "No resources found"
                : $"No resources found in {args.Namespace} namespace.");
            return ExitCodes.Success;
        }
        var now = context.Time.GetUtcNow();
        await context.Out.WriteAsync(ResourceTables.Format(kind, items, allNamespaces, format == "wide", now));
        return ExitCodes.Success;
    }
}
