using System.Net;
using System.Text.Json;
using CertMesh.Cli.Arguments;
using CertMesh.Cli.Http;
using CertMesh.Cli.Resources;
using CertMesh.Cli.Status;
using CertMesh.Cli.Time;

namespace CertMesh.Cli.Commands;

/// <summary>
/// <c>certmesh check api [--wait 2m] [--interval 5s]</c>, cmctl's verb: the Api answers and every service has a replica
/// that reported healthy lately. Without --wait it checks once; with it, an Api that is down or not ready yet is asked
/// again until the time is up. A refused token is not retried: waiting will not fix it.
/// </summary>
internal sealed class CheckCommand : ICommand
{
    private static readonly Flag Wait = new("wait", null, "how long to wait for the API to become ready, e.g. 2m (default 0: check once)", "DURATION");
    private static readonly Flag Interval = new("interval", null, "time between checks while waiting (default 5s)", "DURATION");

    public string Name => "check";
    public string Summary => "Check that the CertMesh API and every service are ready";
    public string Usage => """
        Usage:
          certmesh check api [--wait DURATION] [--interval DURATION]

        Ready means the Api answers and each service (Trigger, KeyManager, Issuing, AcmeOrder, ChallengeSolver,
        DnsWebhook, Edge) has at least one replica whose heartbeat reported healthy in the last few intervals.
        Otherwise each service that is not ready is named, with why ("no heartbeat for 42s", "Unhealthy: ...").
        Exit status 0 when ready, 1 when not (or the API cannot be reached).

        Examples:
          certmesh check api
          certmesh check api --wait 2m --interval 2s
        """;
    public IReadOnlyList<Flag> Flags => [Wait, Interval];

    public async Task<int> RunAsync(ParsedArgs args, CliContext context, CancellationToken ct)
    {
        var what = args.Require(0, "what to check: api");
        if (what != "api") throw new UsageException($"unknown command \"{what}\" for \"certmesh check\"; use api");
        args.AllowAtMost(1, "check api");
        var wait = args.Value(Wait.Long) is { } w ? GoDuration.Parse(w, Wait.Long) : TimeSpan.Zero;
        var interval = args.Value(Interval.Long) is { } i ? GoDuration.Parse(i, Interval.Long) : TimeSpan.FromSeconds(5);
        if (wait < TimeSpan.Zero) throw new UsageException("--wait must not be negative");
        if (interval <= TimeSpan.Zero) throw new UsageException("--interval must be positive");

        var start = context.Time.GetTimestamp();
        while (true)
        {
            var (health, failure) = await AskAsync(context.Api, ct);
            var remaining = wait - context.Time.GetElapsedTime(start);
            if (health is { } h && (HealthReport.IsReady(h) || remaining <= TimeSpan.Zero))
                return await HealthReport.WriteAsync(h, context);
            if (remaining <= TimeSpan.Zero)
                throw failure!;
            await Task.Delay(remaining < interval ? remaining : interval, context.Time, ct);
        }
    }

    /// <summary>The Api's answer, or the failure to report if waiting runs out; throws what no wait can fix.</summary>
    private static async Task<(JsonElement? Health, CliException? Failure)> AskAsync(ApiClient api, CancellationToken ct)
    {
        ApiResponse response;
        try
        {
            response = await api.GetAsync(ApiPaths.Health, ct);
        }
        catch (CliException unreachable)
        {
            return (null, unreachable);
        }
        if (response.IsSuccess) return (response.Json(), null);
        if (response.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) throw ApiErrors.From(response, api);
        if (response.Status == HttpStatusCode.NotFound)
            throw new CliException($"error: the API at {api.Server.ToString().TrimEnd('/')} has no /{ApiPaths.Health}: it is older than this certmesh");
        return (null, ApiErrors.From(response, api));
    }
}
