using CertMesh.Cli.Arguments;
using CertMesh.Cli.Http;
using CertMesh.Cli.Resources;

namespace CertMesh.Cli.Commands;

/// <summary><c>certmesh renew NAME...</c>: issue a new revision now, as <c>cmctl renew</c> does.</summary>
internal sealed class RenewCommand : ICommand
{
    public string Name => "renew";
    public string Summary => "Trigger issuance of a new revision of Certificates now";
    public string Usage => """
        Usage:
          certmesh renew NAME... [-n NS]

        Examples:
          certmesh renew web -n shop
        """;
    public IReadOnlyList<Flag> Flags => [Flag.Namespace];

    public async Task<int> RunAsync(ParsedArgs args, CliContext context, CancellationToken ct)
    {
        args.Require(0, "certificate name, e.g. \"certmesh renew web -n shop\"");
        foreach (var name in args.Positionals)
        {
            var response = await context.Api.PostAsync(ApiPaths.Renew(args.Namespace, name), null, ct);
            if (!response.IsSuccess) throw ApiErrors.From(response, context.Api, Kinds.Certificate, name);
            await context.Out.WriteLineAsync($"Manually triggered issuance of Certificate {args.Namespace}/{name}");
        }
        return ExitCodes.Success;
    }
}
