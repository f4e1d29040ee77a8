using System.Globalization;
using CertMesh.Bench.Baseline;
using CertMesh.Bench.Ca;
using CertMesh.Bench.Infrastructure;

namespace CertMesh.Bench;

/// <summary>
/// Parses the command line and runs one benchmark mode. The report is the product of a benchmark, so it goes
/// to stdout (as a CLI's output does), with the one-line result last for scripts to pick up.
/// </summary>
internal static class BenchApp
{
    public const string Usage = """
        Usage: certmesh-bench ca --count N [--concurrency C] [--baseline-messages M] [--timeout SECONDS] [--cleanup]
                          [--issuer NAME] [--wildcard] [--sequential | --rate R]

          ca                    IssueCertificate -> CertificateIssued through a CA ClusterIssuer, end to end
          --count N             certificates to issue (required)
          --concurrency C       IssueCertificate publishes in flight at once (default 64; with --rate only a cap)
          --baseline-messages M messages for the raw MassTransit publish+consume baseline (default 20000; 0 skips it)
          --timeout SECONDS     give up waiting for CertificateIssued after this (default max(60, N/10))
          --cleanup             delete the run's certificates afterwards (default: leave them)
          --issuer NAME         the ClusterIssuer to use (default bench-ca)
          --wildcard            each certificate also names *.<its domain> (two DNS-01 challenges, one TXT name)
          --sequential          publish each certificate once the previous one was issued (times single issuances)
          --rate R              paced, open loop: publish certificate i at i/R s from the start, whatever is still
                                in flight, and time it from that scheduled moment
          --identity system|app publish as the services' own RabbitMQ user (default) or as an application's user,
                                CERTMESH_BENCH_APP_USER / CERTMESH_BENCH_APP_PASSWORD, authorized like any application

        Environment: CERTMESH_RABBITMQ (rabbitmq://host:port/vhost), CERTMESH_RABBITMQ_USER, CERTMESH_RABBITMQ_PASSWORD;
          CERTMESH_BENCH_CPU ("NAME=PID ...": processes whose CPU, with their descendants', is reported),
          CERTMESH_BENCH_CLK_TCK (default 100), CERTMESH_BENCH_COUNTERS (a command printing "name value" lines,
          read at the start and end of the measured part and reported per certificate). run.sh sets all three.
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            return await RunCoreAsync(args, output, error);
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("certmesh-bench: interrupted");
            return 130;
        }
    }

    static async Task<int> RunCoreAsync(string[] args, TextWriter output, TextWriter error)
    {
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            await error.WriteLineAsync($"certmesh-bench: {e.Message}");
            await error.WriteLineAsync(Usage);
            return 2;
        }

        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancellation.Cancel(); };

        var connection = BusConnection.FromEnvironment();
        var runId = RunId.New();
        await output.WriteLineAsync(options.Rate is { } rate
            ? string.Create(CultureInfo.InvariantCulture, $"run {runId}: {options.Count} certificates paced at {rate:G}/s (at most {options.Concurrency} publishes in flight), bus {connection.Host}")
            : $"run {runId}: {options.Count} certificates, {options.Concurrency} publishes in flight, bus {connection.Host}");

        BaselineResult? baseline = null;
        if (options.BaselineMessages > 0)
        {
            baseline = await BusBaseline.MeasureAsync(connection, runId, options.BaselineMessages, options.Concurrency, cancellation.Token);
            await output.WriteLineAsync(baseline.Describe());
        }

        // The bus baseline publishes a type of its own, which only a system user may: it always runs as one.
        var caller = options.AsApplication
            ? connection.AsApplication(
                Environment.GetEnvironmentVariable("CERTMESH_BENCH_APP_USER") ?? throw new InvalidOperationException("--identity app needs CERTMESH_BENCH_APP_USER"),
                Environment.GetEnvironmentVariable("CERTMESH_BENCH_APP_PASSWORD") ?? throw new InvalidOperationException("--identity app needs CERTMESH_BENCH_APP_PASSWORD"))
            : connection;
        if (options.AsApplication)
            await output.WriteLineAsync($"publishing as application user {caller.User}");
        var benchmark = new CaIssuerBenchmark(caller, runId, options, output);
        return await benchmark.RunAsync(baseline, cancellation.Token);
    }
}
