using System.Text.RegularExpressions;
using CertMesh.Cli.Arguments;
using CertMesh.Cli.Tokens;

namespace CertMesh.Cli.Commands.Auth;

/// <summary>
/// <c>certmesh auth new-token</c>: makes a bearer token here and prints it once, with the <c>tokens:</c> entry (its
/// SHA-256) to paste into the Principal. No Api call: the token never leaves this machine except in the holder's
/// requests, and the server only ever stores the hash.
/// </summary>
internal sealed partial class NewTokenCommand : ICommand
{
    private static readonly Flag Id = new("id", null, "the token's id, named in the audit log (default token-DATE-TIME)", "ID");

    public string Name => "new-token";
    public string Summary => "Make a token and the Principal entry holding its hash";
    public string Usage => """
        Usage:
          certmesh auth new-token [--id ID]

        Prints a new token (cm_ and 256 random bits, base64url) once, and the spec.tokens entry with its
        SHA-256 for the Principal. Only the hash goes to the server: add the entry to the Principal's
        existing tokens and apply it (certmesh apply -f principal.yaml), then hand the token to its holder.

        Examples:
          certmesh auth new-token --id ci-2024-05
        """;
    public IReadOnlyList<Flag> Flags => [Id];

    public async Task<int> RunAsync(ParsedArgs args, CliContext context, CancellationToken ct)
    {
        args.AllowAtMost(0, "auth new-token");
        var id = args.Value(Id.Long) ?? $"token-{context.Time.GetUtcNow():yyyyMMdd-HHmmss}";
        // The Api refuses any other id (tokens[].id is a Kubernetes name), so catch it before the paste and apply.
        if (id.Length > 253 || !Rfc1123Subdomain().IsMatch(id))
            throw new UsageException($"invalid --id \"{id}\": use lower case letters, digits, '-' and '.', starting and ending with a letter or digit");
        var token = BearerTokens.New();
        await context.Out.WriteAsync($"""
            Token (shown only now: CertMesh keeps its SHA-256, never the token; give it to its holder):

              {token}

            Add this entry to the Principal's spec.tokens, keeping its other tokens, and apply it:

            spec:
              tokens:
              - id: {id}
                sha256: {BearerTokens.Sha256(token)}
                # expires: "2027-12-31T00:00:00Z"   optional; revoked: true disables just this token

            """);
        return ExitCodes.Success;
    }

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Rfc1123Subdomain();
}
