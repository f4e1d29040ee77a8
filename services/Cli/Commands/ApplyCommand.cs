using System.Net;
using System.Text;
using System.Text.Json;
using CertMesh.Cli.Arguments;
using CertMesh.Cli.Http;
using CertMesh.Cli.Resources;

namespace CertMesh.Cli.Commands;

/// <summary>
/// <c>certmesh apply -f FILE</c>: sends cert-manager YAML (and v1 Secrets, and CertMesh's auth kinds) to the API as is and
/// reports what each resource became. A manifest with any document the token's Principal may not apply is refused whole
/// (403); each refused document is named, as the 422's invalid ones are.
/// </summary>
internal sealed class ApplyCommand : ICommand
{
    private static readonly Flag File = new("filename", 'f', "YAML file with cert-manager.io/v1 resources; - reads stdin", "FILE");

    public string Name => "apply";
    public string Summary => "Create or update resources from cert-manager YAML";
    public string Usage => """
        Usage:
          certmesh apply -f FILE

        FILE holds cert-manager.io/v1 Certificates, Issuers and ClusterIssuers, v1 Secrets (data base64,
        stringData plain), and auth.certmesh.io/v1 Principals, RoleBindings, ClusterRoleBindings and
        ClusterIssuerGrants. The token's Principal (--token or $CERTMESH_TOKEN) must be allowed to apply every
        document (see certmesh auth can-i apply KIND -n NS); otherwise nothing in FILE is applied.

        Examples:
          certmesh apply -f certificate.yaml
          cat issuers.yaml | certmesh apply -f -
          certmesh --token "$CERTMESH_TOKEN" apply -f tsig-secret-and-issuer.yaml
        """;
    public IReadOnlyList<Flag> Flags => [File];

    public async Task<int> RunAsync(ParsedArgs args, CliContext context, CancellationToken ct)
    {
        args.AllowAtMost(0, Name);
        var path = args.Value(File.Long) ?? throw new UsageException("must specify -f FILE (use -f - for stdin)");
        var yaml = await ReadAsync(path, context.In, ct);
        using var content = new StringContent(yaml, Encoding.UTF8, "application/yaml");
        var response = await context.Api.PostAsync(ApiPaths.Apply, content, ct);
        if (response.Status == HttpStatusCode.UnprocessableEntity)
        {
            foreach (var error in response.Json().Items("errors"))
                await context.Err.WriteLineAsync($"error: {DescribeError(error)}");
            return ExitCodes.Failure;
        }
        if (response.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            // Which documents were refused (a 403 from apply lists them), then the Api's summary and what to do.
            foreach (var error in DocumentErrors(response))
                await context.Err.WriteLineAsync($"error: {DescribeError(error)}");
        }
        if (!response.IsSuccess) throw ApiErrors.From(response, context.Api);

        var results = response.Json().Items("results").ToList();
        if (results.Count == 0) throw new CliException("error: no objects passed to apply");
        foreach (var result in results)
        {
            var kind = result.Text("kind") ?? "";
            var resource = Kinds.FromStored(kind)?.SingularResource ?? kind.ToLowerInvariant();
            await context.Out.WriteLineAsync($"{resource}/{result.Text("name")} {result.Text("action")}");
        }
        return ExitCodes.Success;
    }

    /// <summary><c>document 1 certificate/web: spec.privateKey.size: expected an integer</c></summary>
    internal static string DescribeError(JsonElement error)
    {
        var text = new StringBuilder($"document {error.Text("documentIndex") ?? "?"}");
        var kind = error.Text("kind");
        var name = error.Text("name");
        if (!string.IsNullOrEmpty(kind)) text.Append(' ').Append(kind.ToLowerInvariant());
        if (!string.IsNullOrEmpty(name)) text.Append(string.IsNullOrEmpty(kind) ? " " : "/").Append(name);
        if (error.Text("field") is { Length: > 0 } field) text.Append(": ").Append(field);
        return text.Append(": ").Append(error.Text("message")).ToString();
    }

    private static IEnumerable<JsonElement> DocumentErrors(ApiResponse response)
    {
        try
        {
            return response.Json().Items("errors").ToList();
        }
        catch (CliException)
        {
            return []; // not our API's JSON (a proxy's page): the status line below still says what happened
        }
    }

    private static async Task<string> ReadAsync(string path, TextReader stdin, CancellationToken ct)
    {
        if (path == "-") return await stdin.ReadToEndAsync(ct);
        try
        {
            return await System.IO.File.ReadAllTextAsync(path, ct);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CliException($"error: the path \"{path}\" does not exist");
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new CliException($"error: cannot read \"{path}\": {e.Message}");
        }
    }
}
