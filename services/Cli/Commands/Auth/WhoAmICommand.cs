using CertMesh.Cli.Arguments;
using CertMesh.Cli.Http;
using CertMesh.Cli.Output;
using CertMesh.Cli.Resources;

namespace CertMesh.Cli.Commands.Auth;

/// <summary><c>certmesh auth whoami</c>: which Principal the token names, which of its tokens it is, and the roles it holds.</summary>
internal sealed class WhoAmICommand : ICommand
{
    private static readonly Flag Output = new("output", 'o', "output format: json or yaml", "FORMAT");

    public string Name => "whoami";
    public string Summary => "Show the token's principal, token id and roles";
    public string Usage => """
        Usage:
          certmesh auth whoami [-o json|yaml]

        A role in namespace * holds in every namespace (a ClusterRoleBinding).

        Examples:
          certmesh --token "$CI_TOKEN" auth whoami
        """;
    public IReadOnlyList<Flag> Flags => [Output];

    public async Task<int> RunAsync(ParsedArgs args, CliContext context, CancellationToken ct)
    {
        args.AllowAtMost(0, "auth whoami");
        var format = args.Value(Output.Long);
        if (format is not (null or "json" or "yaml"))
            throw new UsageException($"unable to match a printer suitable for the output format \"{format}\", allowed formats are: json,yaml");
        var response = await context.Api.GetAsync(ApiPaths.WhoAmI, ct);
        if (!response.IsSuccess) throw ApiErrors.From(response, context.Api);
        var json = response.Json();
        if (format == "json")
        {
            await context.Out.WriteLineAsync(JsonText.Indent(response.Body));
            return ExitCodes.Success;
        }
        if (format == "yaml")
        {
            await context.Out.WriteAsync(YamlText.From(json));
            return ExitCodes.Success;
        }

        var principal = json.Text("principal") ?? "";
        await context.Out.WriteAsync(Table.Format(["ATTRIBUTE", "VALUE"],
        [
            ["Principal", principal],
            ["Token", json.Text("token") ?? "<none>"],
        ]));
        var roles = json.Items("roles").Select(r => (IReadOnlyList<string>)[r.Text("role") ?? "", r.Text("namespace") ?? ""]).ToList();
        await context.Out.WriteLineAsync();
        await context.Out.WriteAsync(roles.Count == 0
            ? $"No roles are bound to principal \"{principal}\".\n"
            : Table.Format(["ROLE", "NAMESPACE"], roles));
        return ExitCodes.Success;
    }
}
