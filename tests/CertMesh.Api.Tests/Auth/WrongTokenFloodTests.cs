using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using CertMesh.Domain.Authorization;
using CertMesh.Testing;
using Xunit;
using Xunit.Abstractions;

namespace CertMesh.Api.Tests.Auth;

/// <summary>
/// The Api as deployed (its own process, a scratch database, the real RabbitMQ) under 10,000 calls with wrong tokens:
/// every one is 401, the process stays healthy and small, no token reaches its log, and a token that is right but for
/// its last character takes as long to refuse as one that is wrong from the first (it is hashed before any lookup).
/// </summary>
public sealed class WrongTokenFloodTests(ITestOutputHelper output) : IAsyncLifetime
{
    const int Requests = 10_000;
    const int Concurrency = 16;
    const int TimingPairs = 1_500;
    const long MaxRssBytes = 300L * 1024 * 1024;

    readonly string _adminToken = TokenHash.NewToken();
    readonly string _logDirectory = Path.Combine(Path.GetTempPath(), "certmesh-api-flood-" + Guid.NewGuid().ToString("N")[..8]);
    string? _database;
    ServiceProcess? _api;

    [Fact]
    public async Task Api_TenThousandWrongTokens_All401HealthyConstantTimeAndNeverLogged()
    {
        using var http = new HttpClient { BaseAddress = _api!.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var statuses = new int[Requests];
        var wrongTokens = Enumerable.Range(0, Requests).Select(_ => TokenHash.NewToken()).ToArray();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, Requests), new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (i, ct) =>
        {
            // Writes as well as reads: a refused write is audited, so the flood also exercises the bounded audit queue.
            using var request = new HttpRequestMessage(i % 2 == 0 ? HttpMethod.Get : HttpMethod.Post, i % 2 == 0 ? "/api/resources/Certificate" : "/api/apply");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", wrongTokens[i]);
            if (request.Method == HttpMethod.Post)
                request.Content = new StringContent("apiVersion: v1\nkind: Secret\nmetadata: {name: x}\n");
            using var response = await http.SendAsync(request, ct);
            statuses[i] = (int)response.StatusCode;
        });
        var flood = clock.Elapsed;

        var (nearlyRight, allWrong) = await TimeRefusalsAsync(http);
        using var health = await http.GetAsync("/health");
        using var admin = new HttpRequestMessage(HttpMethod.Get, "/api/auth/whoami") { Headers = { Authorization = new("Bearer", _adminToken) } };
        using var adminAnswer = await http.SendAsync(admin);
        var logPath = _api.LogPath;
        _api.Dispose();
        _api = null;
        var log = await File.ReadAllTextAsync(logPath);

        output.WriteLine($"{Requests} wrong tokens, {Concurrency} at a time: {flood.TotalSeconds:0.0} s ({Requests / flood.TotalSeconds:0} req/s); RSS after {_rssAfter / (1024 * 1024)} MiB");
        output.WriteLine($"median refusal: right but the last character {nearlyRight.TotalMilliseconds:0.000} ms, wrong from the first {allWrong.TotalMilliseconds:0.000} ms ({TimingPairs} interleaved pairs)");
        Assert.All(statuses, status => Assert.Equal(401, status));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, adminAnswer.StatusCode);
        Assert.True(_rssAfter < MaxRssBytes, $"RSS {_rssAfter} bytes after the flood");
        Assert.DoesNotContain(_adminToken, log);
        Assert.DoesNotContain(wrongTokens[0], log);
        Assert.DoesNotContain(wrongTokens[^1], log);
        // Both are one SHA-256 and one failed dictionary lookup; a prefix-comparing check would make the first slower.
        var ratio = nearlyRight / allWrong;
        Assert.InRange(ratio, 0.5, 2.0);
    }

    long _rssAfter;

    /// <summary>Median time to refuse each kind of wrong token, sent alternately so load and warm-up affect both alike.</summary>
    async Task<(TimeSpan NearlyRight, TimeSpan AllWrong)> TimeRefusalsAsync(HttpClient http)
    {
        var nearlyRight = _adminToken[..^1] + (_adminToken[^1] == 'A' ? 'B' : 'A');
        var times = (Nearly: new List<TimeSpan>(), Wrong: new List<TimeSpan>());
        for (var i = 0; i < TimingPairs; i++)
        {
            times.Nearly.Add(await RefuseAsync(http, nearlyRight));
            times.Wrong.Add(await RefuseAsync(http, "cm_" + new string('x', _adminToken.Length - 3)));
        }
        _rssAfter = Rss();
        return (Median(times.Nearly), Median(times.Wrong));
    }

    static async Task<TimeSpan> RefuseAsync(HttpClient http, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/whoami") { Headers = { Authorization = new("Bearer", token) } };
        var clock = Stopwatch.StartNew();
        using var response = await http.SendAsync(request);
        var elapsed = clock.Elapsed;
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        return elapsed;
    }

    static TimeSpan Median(List<TimeSpan> times) => times.Order().ElementAt(times.Count / 2);

    long Rss()
    {
        var line = File.ReadLines($"/proc/{_api!.ProcessId}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_logDirectory);
        await RabbitMqProbe.EnsureReachableAsync("certmesh-api-flood-tests");
        (_database, var connectionString) = await ScratchDatabase.CreateAsync("certmesh_api_flood_");
        _api = await ServiceProcess.StartAsync("Api", new Dictionary<string, string?>
        {
            ["CERTMESH_POSTGRES"] = connectionString,
            ["CERTMESH_RABBITMQ"] = TestEnvironment.RabbitMq.ToString(),
            ["CERTMESH_SECRET_KEY"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            // Only the hash is configured, as up.sh does: the token is in no environment.
            ["CERTMESH_ADMIN_TOKEN_SHA256"] = TokenHash.Of(_adminToken),
        }, _logDirectory);
    }

    public async Task DisposeAsync()
    {
        _api?.Dispose();
        if (_database is not null)
            await ScratchDatabase.DropAsync(_database);
    }
}
