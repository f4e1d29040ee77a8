using CertMesh.Cli.Arguments;
using CertMesh.Cli.Http;

namespace CertMesh.Cli.Commands;

/// <summary><c>certmesh deny NAME --reason R</c>: deny a CertificateRequest waiting for approval, as <c>cmctl deny</c> does.</summary>
internal sealed class DenyCommand : ICommand
{
    public string Name => "deny";
    public string Summary => "Deny a CertificateRequest waiting for approval";
    public string Usage => """
        Usage:
          certmesh deny CERTIFICATEREQUEST [-n NS] --reason REASON [--message MESSAGE]

        The request is never signed; its Certificate fails with reason Denied and is retried
        after its back-off with a new request. A request already approved or denied stays as it is.

        Examples:
          certmesh deny web-1 -n shop --reason NotOurDomain --message "evil.example is not ours"
        """;
    public IReadOnlyList<Flag> Flags => [Flag.Namespace, ApprovalRequest.Reason, ApprovalRequest.Message];

    public async Task<int> RunAsync(ParsedArgs args, CliContext context, CancellationToken ct)
    {
        var name = args.Require(0, "certificate request name, e.g. \"certmesh deny web-1 -n shop --reason NotOurs\"");
        args.AllowAtMost(1, Name);
        // cmctl deny insists on a reason too: a denial nobody can explain later is no record at all.
        var reason = args.Value(ApprovalRequest.Reason.Long) is { Length: > 0 } given
            ? given
            : throw new UsageException("required flag \"reason\" not set: certmesh deny needs --reason");
        await ApprovalRequest.SendAsync(context, ApiPaths.Deny(args.Namespace, name), name, reason, args.Value(ApprovalRequest.Message.Long), ct);
        await context.Out.WriteLineAsync($"Denial sent for CertificateRequest {args.Namespace}/{name}");
        return ExitCodes.Success;
    }
}
