using System.Net;
using System.Text.Json;
using CertMesh.Cli.Arguments;
using CertMesh.Cli.Http;
using CertMesh.Cli.Resources;
using CertMesh.Cli.Time;

namespace CertMesh.Cli.Commands;

/// <summary>
/// <c>certmesh wait certificate NAME --for ready</c>: polls until the Certificate is Ready for its current
/// spec (Ready=True, not Issuing, observed the current generation) or, with <c>--for issued --revision N</c>,
/// until revision N is out. A Certificate not found yet is waited for too.
/// </summary>
internal sealed class WaitCommand : ICommand
{
    private static readonly Flag For = new("for", null, "ready (default; also condition=Ready) or issued (with --revision)", "CONDITION");
    private static readonly Flag Revision = new("revision", null, "with --for issued: the revision to wait for", "N");
    private static readonly Flag Timeout = new("timeout", null, "how long to wait, e.g. 30s, 2m (default 30s)", "DURATION");

    public string Name => "wait";
    public string Summary => "Wait until a Certificate is ready or a revision is issued";
    public string Usage => """
        Usage:
          certmesh wait certificate NAME [-n NS] [--for ready] [--timeout 30s]
          certmesh wait certificate NAME [-n NS] --for issued --revision N [--timeout 2m]

        Examples:
          certmesh wait certificate web -n shop --for ready --timeout 120s
          certmesh wait certificate/web -n shop
        """;
    public IReadOnlyList<Flag> Flags => [Flag.Namespace, For, Revision, Timeout];

    public async Task<int> RunAsync(ParsedArgs args, CliContext context, CancellationToken ct)
    {
        var (kind, name) = Target(args);
        if (kind != Kinds.Certificate) throw new UsageException($"wait supports certificates only, not {kind.Plural}");
        var condition = args.Value(For.Long) ?? "ready";
        int? revision = null;
        if (condition.Equals("issued", StringComparison.OrdinalIgnoreCase))
            revision = int.TryParse(args.Value(Revision.Long), out var n) && n > 0 ? n
                : throw new UsageException("--for issued needs --revision N (a positive integer)");
        else if (!condition.Equals("ready", StringComparison.OrdinalIgnoreCase) && !condition.Equals("condition=Ready", StringComparison.OrdinalIgnoreCase))
            throw new UsageException($"unsupported --for \"{condition}\": use ready, condition=Ready or issued");
        var timeout = args.Value(Timeout.Long) is { } t ? GoDuration.Parse(t, Timeout.Long) : TimeSpan.FromSeconds(30);

        var start = context.Time.GetTimestamp();
        var path = ApiPaths.Get(kind, args.Namespace, name, yaml: false);
        JsonElement? last = null;
        while (true)
        {
            var response = await context.Api.GetAsync(path, ct);
            if (response.IsSuccess)
            {
                last = response.Json();
                if (IsMet(last.Value, revision))
                {
                    await context.Out.WriteLineAsync($"{kind.SingularResource}/{name} condition met");
                    return ExitCodes.Success;
                }
            }
            else if (response.Status != HttpStatusCode.NotFound)
            {
                throw ApiErrors.From(response, context.Api, kind, name);
            }
            var remaining = timeout - context.Time.GetElapsedTime(start);
            if (remaining <= TimeSpan.Zero) break;
            await Task.Delay(remaining < context.PollInterval ? remaining : context.PollInterval, context.Time, ct);
        }
        throw new CliException($"error: timed out waiting for the condition on {kind.Plural}/{name}: {Describe(last, kind, name)}");
    }

    internal static bool IsMet(JsonElement certificate, int? revision)
    {
        var ready = certificate.Condition("Ready");
        if (ready?.Text("status") != "True" || certificate.Condition("Issuing")?.Text("status") == "True") return false;
        if (long.TryParse(ready.Value.Text("observedGeneration"), out var observed)
            && long.TryParse(certificate.Text("metadata", "generation"), out var generation)
            && observed < generation)
            return false;
        return revision is null || int.TryParse(certificate.Text("status", "revision"), out var current) && current >= revision;
    }

    private static string Describe(JsonElement? certificate, KindInfo kind, string name)
    {
        if (certificate is not { } c) return $"{kind.Resource} \"{name}\" not found";
        var ready = c.Condition("Ready");
        var text = ready is { } r
            ? $"Ready={r.Text("status")}, reason: {r.Text("reason") ?? "<none>"}, message: {r.Text("message") ?? "<none>"}"
            : "no Ready condition yet";
        if (c.Condition("Issuing") is { } issuing && issuing.Text("status") == "True")
            text += $"; Issuing=True, reason: {issuing.Text("reason")}, message: {issuing.Text("message")}";
        if (c.Text("status", "revision") is { } revision) text += $"; revision {revision}";
        return text;
    }

    /// <summary><c>certificate NAME</c> or kubectl's <c>certificate/NAME</c>.</summary>
    private static (KindInfo Kind, string Name) Target(ParsedArgs args)
    {
        var first = args.Require(0, "resource, e.g. \"certmesh wait certificate web\"");
        var slash = first.IndexOf('/');
        if (slash > 0)
        {
            args.AllowAtMost(1, "wait");
            return (Kinds.Resolve(first[..slash]), first[(slash + 1)..]);
        }
        args.AllowAtMost(2, "wait");
        return (Kinds.Resolve(first), args.Require(1, "certificate name"));
    }
}
