using CertMesh.Cli.Arguments;
using CertMesh.Cli.Http;

namespace CertMesh.Cli.Commands;

/// <summary><c>certmesh approve NAME</c>: approve a CertificateRequest waiting for approval, as <c>cmctl approve</c> does.</summary>
internal sealed class ApproveCommand : ICommand
{
    public string Name => "approve";
    public string Summary => "Approve a CertificateRequest waiting for approval";
    public string Usage => """
        Usage:
          certmesh approve CERTIFICATEREQUEST [-n NS] [--reason REASON] [--message MESSAGE]

        A request waits for approval when no CertificateRequestPolicy selects it and the Issuing
        service runs with CERTMESH_APPROVAL_DEFAULT=wait. A request already approved or denied
        stays as it is.

        Examples:
          certmesh approve web-1 -n shop
          certmesh approve web-1 -n shop --reason ReviewedByOps --message "ticket OPS-42"
        """;
    public IReadOnlyList<Flag> Flags => [Flag.Namespace, ApprovalRequest.Reason, ApprovalRequest.Message];

    public async Task<int> RunAsync(ParsedArgs args, CliContext context, CancellationToken ct)
    {
        var name = args.Require(0, "certificate request name, e.g. \"certmesh approve web-1 -n shop\"");
        args.AllowAtMost(1, Name);
        await ApprovalRequest.SendAsync(context, ApiPaths.Approve(args.Namespace, name), name,
            args.Value(ApprovalRequest.Reason.Long), args.Value(ApprovalRequest.Message.Long), ct);
        await context.Out.WriteLineAsync($"Approval sent for CertificateRequest {args.Namespace}/{name}");
        return ExitCodes.Success;
    }
}
