using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CertMesh.Api.Tests.Support;
using CertMesh.Testing;
using Xunit;
using Xunit.Abstractions;

namespace CertMesh.Api.Tests.Limits;

/// <summary>
/// Issue 9's evidence, replayed against the real Api as deployed (its own process, Kestrel, a scratch database on the real
/// PostgreSQL, the test vhost of the real RabbitMQ): every hostile input is answered 413 or 422 naming its limit, in a
/// small response and quickly; afterwards the process still answers <c>/health</c> and its resident memory is bounded.
/// Prints the table (input, answer, time, RSS after) to the test log.
/// </summary>
public sealed class HostileInputProcessTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Token = "hostile-tests-token";
    private const long MaxRssBytes = 300L * 1024 * 1024;
    private const int MaxAnswerBytes = 32 * 1024;
    private static readonly TimeSpan MaxTime = TimeSpan.FromSeconds(10);

    private readonly string _logDirectory = Path.Combine(Path.GetTempPath(), "certmesh-api-hostile-" + Guid.NewGuid().ToString("N")[..8]);
    private string? _database;
    private ServiceProcess? _api;

    /// <summary>One hostile input: its body (with a declared length, or chunked) and the answer it must get.</summary>
    private sealed record Hostile(string Input, Func<Stream> Body, long? DeclaredLength, int Status, string Names);

    private static Hostile Yaml(string input, string yaml, string limit, int status = 422)
    {
        var bytes = Encoding.UTF8.GetBytes(yaml);
        return new Hostile($"{input} ({Size(bytes.Length)})", () => new MemoryStream(bytes), bytes.Length, status, limit);
    }

    private static IEnumerable<Hostile> Inputs() =>
    [
        Yaml("flow mapping nested 20,000 deep", HostileManifests.DeepFlowMapping(20_000), "(limit MaxDepth)"),
        Yaml("block mapping nested 1,000 deep", HostileManifests.DeepBlockMapping(1_000), "(limit MaxDepth)"),
        Yaml("1 MB string and 1,000 aliases to it", HostileManifests.AliasesToLargeString(1_000_000, 1_000), "(limit MaxExpandedBytes)"),
        Yaml("billion laughs", HostileManifests.BillionLaughs(), "(limit MaxNodes)"),
        Yaml("alias inside its own anchor", "spec: &a {x: *a}\n", "(limit MaxNodes)"),
        Yaml("150,000 scalars in one list", "[" + string.Join(",", Enumerable.Repeat("1", 150_000)) + "]", "(limit MaxNodes)"),
        Yaml("501 documents", HostileManifests.Documents(501), "(limit MaxDocuments)"),
        Yaml("v1 List of 501 items", HostileManifests.ListOf(501), "(limit MaxDocuments)"),
        Yaml("one 2 MB scalar", HostileManifests.Annotation(2 * 1024 * 1024), "(limit MaxScalarBytes)"),
        new("50 MB body, streamed chunked", () => RawHttp.Filler(50_000_000), null, 413, "(limit MaxRequestBodyBytes)"),
        new("50 MB body, length declared", () => RawHttp.Filler(50_000_000), 50_000_000, 413, "(limit MaxRequestBodyBytes)"),
        Yaml("Certificate with 10,000 dnsNames", HostileManifests.ManyDnsNames(10_000), "(limit MaxSubjectAltNames)"),
        Yaml("Certificate with a 5 MB annotation", HostileManifests.Annotation(5 * 1024 * 1024), "(limit MaxRequestBodyBytes)", 413),
        Yaml("Certificate with a 300 KiB annotation", HostileManifests.Annotation(300 * 1024), "(limit MaxAnnotationsBytes)"),
        Yaml("Certificate with a 1 MB label value", HostileManifests.LabelValue(1024 * 1024), "(limit MaxObjectBytes)"),
        Yaml("Certificate with a 200 KB label value", HostileManifests.LabelValue(200_000), "(limit MaxLabelValueLength)"),
        Yaml("Certificate with a 200 KB label key", HostileManifests.LabelKey(200_000), "(limit MaxKeyNameLength)"),
        Yaml("Certificate with a 500 KB invalid dnsName", HostileManifests.LongBadDnsName(500_000), "...\" (500004 characters)"),
        Yaml("Certificate with a 1 MB invalid name", HostileManifests.LongBadName(1024 * 1024), "...\" (1048576 characters)"),
        Yaml("Certificate with 1,000 unknown fields", HostileManifests.CertificateWith("", string.Concat(Enumerable.Range(0, 1_000).Select(i => $"  unknown{i}: x\n"))), "(at most 100 are reported; limit MaxReported)"),
    ];

    [Fact]
    public async Task Api_HostileInputs_RefusedNamingTheLimitAndTheProcessStaysUpAndSmall()
    {
        var rows = new List<string> { $"| (idle, after start-up) | | | | | yes | {Mb(Rss())} |" };
        var failures = new List<string>();
        foreach (var hostile in Inputs())
        {
            var (answer, alive, rss) = await SendAsync(hostile, failures);
            rows.Add($"| {hostile.Input} | {answer.Status} | {LimitIn(hostile.Names)} | {answer.Body.Length:N0} B | {answer.Elapsed.TotalMilliseconds:N0} ms | {(alive ? "yes" : "NO")} | {Mb(rss)} |");
        }
        // Memory must not grow with repetition: everything three times more, keeping the largest RSS seen.
        var clock = Stopwatch.StartNew();
        long largest = 0;
        for (var round = 0; round < 3; round++)
            foreach (var hostile in Inputs())
                largest = Math.Max(largest, (await SendAsync(hostile, failures)).Rss);
        rows.Add($"| all of the above, 3 more rounds | | | | {clock.Elapsed.TotalSeconds:N1} s | {(_api!.IsRunning ? "yes" : "NO")} | {Mb(largest)} at most |");

        output.WriteLine("| input | status | limit named | answer | time | alive | Api RSS after |");
        output.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var row in rows)
            output.WriteLine(row);
        Assert.True(_api.IsRunning, $"the Api process exited; see {_api.LogPath}");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Distinct()));
    }

    /// <summary>Sends one input and checks its answer, then that the Api is alive and how large it is.</summary>
    private async Task<(RawHttp.Answer Answer, bool Alive, long Rss)> SendAsync(Hostile hostile, List<string> failures)
    {
        await using var body = hostile.Body();
        var answer = await RawHttp.SendAsync("POST", _api!.BaseAddress, "/api/apply", body, hostile.DeclaredLength, TimeSpan.FromSeconds(60), Token);
        using var health = new HttpClient { BaseAddress = _api.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var alive = (await health.GetAsync("/health")).IsSuccessStatusCode;
        var rss = Rss();
        if (answer.Status != hostile.Status) failures.Add($"{hostile.Input}: status {answer.Status}, expected {hostile.Status}: {Cut(answer.Body)}");
        if (!Messages(answer.Body).Any(m => m.Contains(hostile.Names, StringComparison.Ordinal))) failures.Add($"{hostile.Input}: the answer does not name {hostile.Names}: {Cut(answer.Body)}");
        if (answer.Body.Length > MaxAnswerBytes) failures.Add($"{hostile.Input}: answer of {answer.Body.Length} bytes");
        if (answer.Elapsed > MaxTime) failures.Add($"{hostile.Input}: took {answer.Elapsed}");
        if (!alive) failures.Add($"{hostile.Input}: /health did not answer afterwards");
        if (rss > MaxRssBytes) failures.Add($"{hostile.Input}: RSS {Mb(rss)} over {Mb(MaxRssBytes)}");
        return (answer, alive, rss);
    }

    /// <summary>Every message in an answer: a Status's, and each error's of an apply answer.</summary>
    private static IEnumerable<string> Messages(string body)
    {
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        var messages = new List<string>();
        if (root.TryGetProperty("message", out var message))
            messages.Add(message.GetString() ?? "");
        if (root.TryGetProperty("errors", out var errors))
            messages.AddRange(errors.EnumerateArray().Select(e => e.GetProperty("message").GetString() ?? ""));
        return messages;
    }

    /// <summary>VmRSS of the Api process, from <c>/proc/&lt;pid&gt;/status</c>.</summary>
    private long Rss()
    {
        var line = File.ReadLines($"/proc/{_api!.ProcessId}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>The limit's name for the table, or how a long value was quoted.</summary>
    private static string LimitIn(string names)
    {
        var at = names.IndexOf("limit ", StringComparison.Ordinal);
        return at >= 0 ? names[(at + 6)..].TrimEnd(')') : "value quoted as a prefix, " + names[(names.IndexOf('(') + 1)..^1];
    }

    private static string Mb(long bytes) => $"{bytes / (1024.0 * 1024):N0} MiB";

    private static string Size(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024):0.#} MiB" : $"{bytes / 1024.0:0.#} KiB";

    private static string Cut(string text) => text.Length <= 300 ? text : text[..300] + "...";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_logDirectory);
        await RabbitMqProbe.EnsureReachableAsync("certmesh-api-hostile-tests");
        (_database, var connectionString) = await ScratchDatabase.CreateAsync("certmesh_api_hostile_");
        _api = await ServiceProcess.StartAsync("Api", new Dictionary<string, string?>
        {
            ["CERTMESH_POSTGRES"] = connectionString,
            ["CERTMESH_RABBITMQ"] = TestEnvironment.RabbitMq.ToString(),
            ["CERTMESH_SECRET_KEY"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["CERTMESH_API_TOKEN"] = Token,
        }, _logDirectory);
    }

    public async Task DisposeAsync()
    {
        _api?.Dispose();
        if (_database is not null)
            await ScratchDatabase.DropAsync(_database);
    }
}
