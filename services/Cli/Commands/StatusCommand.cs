using CertMesh.Cli.Arguments;
using CertMesh.Cli.Http;
using CertMesh.Cli.Resources;
using CertMesh.Cli.Status;

namespace CertMesh.Cli.Commands;

/// <summary><c>certmesh status certificate NAME</c>: everything about one Certificate's issuance, as <c>cmctl status</c>.</summary>
internal sealed class StatusCommand : ICommand
{
    public string Name => "status";
    public string Summary => "Show the issuance state of a Certificate and everything it depends on";
    public string Usage => """
        Usage:
          certmesh status certificate NAME [-n NS]

        Examples:
          certmesh status certificate web -n shop
        """;
    public IReadOnlyList<Flag> Flags => [Flag.Namespace];

    public async Task<int> RunAsync(ParsedArgs args, CliContext context, CancellationToken ct)
    {
        args.AllowAtMost(2, Name);
        var kind = Kinds.Resolve(args.Require(0, "resource type, e.g. \"certmesh status certificate web\""));
        if (kind != Kinds.Certificate) throw new UsageException($"status supports certificates only, not {kind.Plural}");
        var name = args.Require(1, "certificate name");
        var response = await context.Api.GetAsync(ApiPaths.CertificateStatus(args.Namespace, name), ct);
        if (!response.IsSuccess) throw ApiErrors.From(response, context.Api, kind, name);
        await context.Out.WriteAsync(CertificateStatusPrinter.Format(response.Json(), context.Time.GetUtcNow()));
        return ExitCodes.Success;
    }
}
