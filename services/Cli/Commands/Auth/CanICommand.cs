using System.Text.Json;
using CertMesh.Cli.Arguments;
using CertMesh.Cli.Http;
using CertMesh.Cli.Resources;

namespace CertMesh.Cli.Commands.Auth;

/// <summary>
/// <c>certmesh auth can-i VERB KIND[/NAME]</c>: asks the Api whether the token's Principal may do it, as
/// <c>kubectl auth can-i</c> does. The Api checks the verb and kind, so its list is the only one.
/// </summary>
internal sealed class CanICommand : ICommand
{
    private static readonly Flag Quiet = new("quiet", 'q', "print nothing; the exit code is the answer");

    public string Name => "can-i";
    public string Summary => "Check whether the token's principal may do something";
    public string Usage => """
        Usage:
          certmesh auth can-i VERB KIND[/NAME] [-n NS | -A] [-q]

        VERB is get, list, apply, renew, delete, approve or use; KIND as for get (certificates, secrets,
        principals, events, …). "use" asks whether namespace NS may use the ClusterIssuer NAME.
        Prints yes (exit 0) or no (exit 1); after no, the Api's reason follows on stderr, so scripts can
        still compare stdout with yes or no as with kubectl.

        Examples:
          certmesh auth can-i apply certificates -n shop
          certmesh auth can-i get secrets -n shop
          certmesh auth can-i list events -A
          certmesh auth can-i use clusterissuer/letsencrypt -n shop
        """;
    public IReadOnlyList<Flag> Flags => [Flag.Namespace, Flag.AllNamespaces, Quiet];

    public async Task<int> RunAsync(ParsedArgs args, CliContext context, CancellationToken ct)
    {
        if (args.Positionals.Count != 2)
            throw new UsageException("you must specify two arguments: verb resource or verb resource/resourceName");
        var verb = args.Positionals[0];
        var target = args.Positionals[1];
        var slash = target.IndexOf('/');
        var kind = Kinds.Resolve(slash < 0 ? target : target[..slash]);
        var name = slash < 0 ? null : target[(slash + 1)..];
        // -A asks about every namespace; the Api ignores the namespace of a cluster-scoped kind (except for use).
        var ns = args.Has(Flag.AllNamespaces.Long) ? null : args.Namespace;

        var response = await context.Api.GetAsync(ApiPaths.CanI(verb, kind, ns, string.IsNullOrEmpty(name) ? null : name), ct);
        if (!response.IsSuccess) throw ApiErrors.From(response, context.Api);
        var answer = response.Json();
        var allowed = answer.At("allowed")?.ValueKind == JsonValueKind.True;
        if (args.Has(Quiet.Long)) return allowed ? ExitCodes.Success : ExitCodes.Failure;
        await context.Out.WriteLineAsync(allowed ? "yes" : "no");
        if (!allowed && answer.Text("reason") is { Length: > 0 } reason)
            await context.Err.WriteLineAsync($"reason: {reason}");
        return allowed ? ExitCodes.Success : ExitCodes.Failure;
    }
}
