using System.Net;
using CertMesh.Cli.Arguments;
using CertMesh.Cli.Http;
using CertMesh.Cli.Resources;

namespace CertMesh.Cli.Commands;

/// <summary>
/// <c>certmesh delete KIND NAME...</c>, as <c>kubectl delete</c>: Certificates through their own endpoint, and the kinds
/// the Api owns (principals, bindings, grants, policies, Namespaces) through the resource endpoint. Deleting a binding
/// or grant is how access is taken back.
/// </summary>
internal sealed class DeleteCommand : ICommand
{
    /// <summary>The kinds the Api lets anyone delete; the others change only through apply or their controllers.</summary>
    public static IReadOnlyList<KindInfo> Deletable { get; } =
    [
        Kinds.Certificate, Kinds.Principal, Kinds.RoleBinding, Kinds.ClusterRoleBinding, Kinds.ClusterIssuerGrant,
        Kinds.CertificateRequestPolicy, Kinds.Namespace,
    ];

    public string Name => "delete";
    public string Summary => "Delete Certificates, principals, bindings, grants, policies or Namespaces by name";
    public string Usage => $"""
        Usage:
          certmesh delete KIND NAME... [-n NS]

        Kinds: {string.Join(", ", Deletable.Select(k => k.Plural))}
        (-n is ignored for cluster-scoped kinds)

        Examples:
          certmesh delete certificate web api -n shop
          certmesh delete rolebinding ci-edit -n shop
          certmesh delete clusterissuergrant shop-uses-ca
        """;
    public IReadOnlyList<Flag> Flags => [Flag.Namespace];

    public async Task<int> RunAsync(ParsedArgs args, CliContext context, CancellationToken ct)
    {
        var kind = Kinds.Resolve(args.Require(0, "resource type, e.g. \"certmesh delete certificate web -n shop\""));
        if (!Deletable.Contains(kind))
            throw new UsageException($"delete supports {string.Join(", ", Deletable.Select(k => k.Plural))}; not {kind.Plural}");
        args.Require(1, $"{kind.Singular} name, e.g. \"certmesh delete {kind.Singular} NAME\"");

        var exitCode = ExitCodes.Success;
        foreach (var name in args.Positionals.Skip(1))
        {
            var path = kind == Kinds.Certificate
                ? ApiPaths.DeleteCertificate(args.Namespace, name)
                : ApiPaths.Delete(kind, args.Namespace, name);
            var response = await context.Api.DeleteAsync(path, ct);
            if (response.IsSuccess)
            {
                await context.Out.WriteLineAsync($"{kind.SingularResource} \"{name}\" deleted");
                continue;
            }
            var error = ApiErrors.From(response, context.Api, kind, name);
            // Like kubectl: an answer about this one name (missing, or not this caller's to delete) is reported and the
            // others are still tried; one about the whole call (token, kind, server) would only repeat, so it stops.
            if (response.Status is not (HttpStatusCode.NotFound or HttpStatusCode.Forbidden)) throw error;
            await context.Err.WriteLineAsync(error.Message);
            exitCode = ExitCodes.Failure;
        }
        return exitCode;
    }
}
